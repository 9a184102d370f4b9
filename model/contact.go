package model

import (
	"strings"
)

// ContactLabel says which of a customer's phones or e-mails one is.
type ContactLabel string

// The labels of phones and e-mails.
const (
	Mobile ContactLabel = "mobile"
	Home   ContactLabel = "home"
	Work   ContactLabel = "work"
	Other  ContactLabel = "other"
)

// ContactLabels lists every label in the order the UI offers them.
var ContactLabels = []ContactLabel{Mobile, Home, Work, Other}

// ParseContactLabel reads a label; "" is Other.
func ParseContactLabel(s string) (ContactLabel, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return Other, nil
	}
	for _, l := range ContactLabels {
		if string(l) == s {
			return l, nil
		}
	}
	return "", Errorf(EINVALID, "%q is not a label: use mobile, home, work or other", s)
}

// Contact is one phone number or e-mail address of a customer. Of each
// kind, one is preferred: it is Customer.Phone or Customer.Email.
type Contact struct {
	Label     ContactLabel
	Value     string
	Preferred bool
}

// MaxContacts caps how many phones, and how many e-mails, one customer has.
const MaxContacts = 20

// Address is a customer's postal address.
type Address struct {
	Street   string // one to MaxStreetLines lines
	Postcode string
	Town     string
	Country  string
}

// MaxStreetLines caps the lines of an address's street part.
const MaxStreetLines = 4

// IsZero reports whether no part of the address is known.
func (a Address) IsZero() bool { return a == Address{} }

// String is the address on one line: "12 High St, Flat 3, 10115 Berlin, Germany".
func (a Address) String() string {
	var parts []string
	for _, l := range strings.Split(a.Street, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			parts = append(parts, l)
		}
	}
	if t := strings.TrimSpace(strings.TrimSpace(a.Postcode) + " " + strings.TrimSpace(a.Town)); t != "" {
		parts = append(parts, t)
	}
	if c := strings.TrimSpace(a.Country); c != "" {
		parts = append(parts, c)
	}
	return strings.Join(parts, ", ")
}

// Validate checks an address and tidies its spacing.
func (a *Address) Validate() error {
	var lines []string
	for _, l := range strings.Split(strings.ReplaceAll(a.Street, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) > MaxStreetLines {
		return Errorf(EINVALID, "a street address has at most %d lines", MaxStreetLines)
	}
	a.Street = strings.Join(lines, "\n")
	a.Postcode, a.Town, a.Country = strings.TrimSpace(a.Postcode), strings.TrimSpace(a.Town), strings.TrimSpace(a.Country)
	if err := checkText("street", a.Street, MaxFieldLen, true); err != nil {
		return err
	}
	for _, f := range []struct{ name, val string }{{"postcode", a.Postcode}, {"town", a.Town}, {"country", a.Country}} {
		if err := checkText(f.name, f.val, MaxFieldLen, false); err != nil {
			return err
		}
	}
	return nil
}

// contactKey is what makes two phones or two e-mails the same.
func contactKey(kind string, v string) string {
	if kind == "phone" {
		return PhoneDigits(v)
	}
	return strings.ToLower(strings.TrimSpace(v))
}

// syncContacts makes list and single agree: single is the preferred entry
// of list. A single value not in the list joins it at the front as the
// preferred one; an empty single takes the list's preferred entry (the
// first marked, else the first). Entries are trimmed, labelled (Other when
// unlabelled) and de-duplicated, the first of equal ones kept.
func syncContacts(kind string, list []Contact, single string) ([]Contact, string, error) {
	single = strings.TrimSpace(single)
	var out []Contact
	seen := map[string]int{}
	pref := -1
	for _, c := range list {
		c.Value = strings.TrimSpace(c.Value)
		if c.Value == "" {
			continue
		}
		l, err := ParseContactLabel(string(c.Label))
		if err != nil {
			return nil, "", err
		}
		c.Label = l
		k := contactKey(kind, c.Value)
		if k == "" {
			k = c.Value // checked below: a phone without digits
		}
		if i, ok := seen[k]; ok {
			if c.Preferred && pref < 0 {
				pref = i
			}
			continue
		}
		seen[k] = len(out)
		if c.Preferred && pref < 0 {
			pref = len(out)
		}
		c.Preferred = false
		out = append(out, c)
	}
	if single != "" {
		k := contactKey(kind, single)
		if k == "" {
			k = single
		}
		if i, ok := seen[k]; ok {
			pref = i
			out[i].Value = single
		} else {
			out = append([]Contact{{Label: Other, Value: single}}, out...)
			pref = 0
		}
	}
	if len(out) == 0 {
		return nil, "", nil
	}
	if pref < 0 {
		pref = 0
	}
	out[pref].Preferred = true
	return out, out[pref].Value, nil
}

// setPreferred replaces the preferred entry's value (keeping its label),
// or drops it when v is empty: what a form that knows one phone means.
func setPreferred(list []Contact, v string) []Contact {
	list = append([]Contact(nil), list...)
	for i, c := range list {
		if c.Preferred {
			if v == "" {
				return append(list[:i], list[i+1:]...)
			}
			list[i].Value = v
			return list
		}
	}
	if v == "" {
		return list
	}
	for i := range list {
		list[i].Preferred = false
	}
	return append([]Contact{{Label: Other, Value: v, Preferred: true}}, list...)
}

// validateContacts tidies the customer's phones and e-mails, keeps Phone and
// Email their preferred ones, and checks each.
func (c *Customer) validateContacts() error {
	var err error
	if c.Phones, c.Phone, err = syncContacts("phone", c.Phones, c.Phone); err != nil {
		return err
	}
	if c.Emails, c.Email, err = syncContacts("email", c.Emails, c.Email); err != nil {
		return err
	}
	if len(c.Phones) > MaxContacts || len(c.Emails) > MaxContacts {
		return Errorf(EINVALID, "a customer can have at most %d phones and %d e-mails", MaxContacts, MaxContacts)
	}
	for _, p := range c.Phones {
		if err := checkText("phone", p.Value, MaxFieldLen, false); err != nil {
			return err
		}
		if PhoneDigits(p.Value) == "" {
			return Errorf(EINVALID, "phone %q has no digits", p.Value)
		}
	}
	for _, e := range c.Emails {
		if err := checkText("email", e.Value, MaxFieldLen, false); err != nil {
			return err
		}
		if !strings.Contains(e.Value, "@") {
			return Errorf(EINVALID, "e-mail %q has no @", e.Value)
		}
	}
	return c.Address.Validate()
}
