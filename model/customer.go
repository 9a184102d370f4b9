package model

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits on what a person can type into one field.
const (
	MaxNameLen  = 200
	MaxFieldLen = 1000
	MaxNoteLen  = 20000
	MaxTags     = 50
)

// Customer is a person the shop knows.
type Customer struct {
	ID          int64
	Name        string
	Nickname    string
	Phone       string // the preferred phone, one of Phones
	Email       string // the preferred e-mail, one of Emails
	Phones      []Contact
	Emails      []Contact
	Address     Address
	Birthday    MonthDay
	Anniversary MonthDay
	Partner     string
	Children    string // free text: "Emma (7), Max"
	Interests   string
	Usual       string // the usual order, the way they order it
	Tags        []string
	ReferredBy  int64 // the customer who sent them, 0 when nobody
	Created     time.Time
	Archived    bool
}

// Validate checks a customer before it is written.
func (c *Customer) Validate() error {
	c.Name = strings.TrimSpace(c.Name)
	if Blank(c.Name) {
		return Errorf(EINVALID, "a customer needs a name")
	}
	if err := checkText("name", c.Name, MaxNameLen, false); err != nil {
		return err
	}
	for _, f := range []struct {
		name, val string
	}{
		{"nickname", c.Nickname}, {"phone", c.Phone}, {"email", c.Email},
		{"partner", c.Partner}, {"children", c.Children},
		{"interests", c.Interests}, {"usual order", c.Usual},
	} {
		if err := checkText(f.name, f.val, MaxFieldLen, false); err != nil {
			return err
		}
	}
	if c.Email != "" && !strings.Contains(c.Email, "@") {
		return Errorf(EINVALID, "e-mail %q has no @", c.Email)
	}
	if c.Phone != "" && PhoneDigits(c.Phone) == "" {
		return Errorf(EINVALID, "phone %q has no digits", c.Phone)
	}
	if err := c.validateContacts(); err != nil {
		return err
	}
	for _, md := range []struct {
		name string
		v    MonthDay
	}{{"birthday", c.Birthday}, {"anniversary", c.Anniversary}} {
		if md.v.IsZero() {
			continue
		}
		if err := checkDay(md.v.Year, md.v.Month, md.v.Day); err != nil {
			return Errorf(EINVALID, "%s: %s", md.name, ErrorMessage(err))
		}
	}
	c.Tags = NormalizeTags(c.Tags)
	if len(c.Tags) > MaxTags {
		return Errorf(EINVALID, "a customer can have at most %d tags", MaxTags)
	}
	for _, t := range c.Tags {
		if err := checkText("tag", t, 100, false); err != nil {
			return err
		}
		if strings.Contains(t, ",") {
			return Errorf(EINVALID, "tag %q may not contain a comma", t)
		}
	}
	return nil
}

// CheckDates refuses a birthday or anniversary that lies after today: the
// notebook would say "turns -1". Validate cannot know the day; the store
// asks with its clock.
func (c *Customer) CheckDates(today Date) error {
	for _, md := range []struct {
		name string
		v    MonthDay
	}{{"birthday", c.Birthday}, {"anniversary", c.Anniversary}} {
		if md.v.Year == 0 || md.v.IsZero() {
			continue
		}
		if (Date{md.v.Year, md.v.Month, md.v.Day}).After(today) {
			return Errorf(EINVALID, "%s %s is in the future", md.name, md.v)
		}
	}
	return nil
}

// Blank reports whether s shows nothing: only spaces, format characters
// (zero-width, bidi controls, the byte-order mark), combining marks with
// nothing to combine with, and the filler characters some scripts use as
// visible blanks (Hangul fillers, the blank braille pattern).
func Blank(s string) bool {
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), unicode.Is(unicode.Cf, r), unicode.Is(unicode.Mn, r), unicode.Is(unicode.Me, r), unicode.IsControl(r):
		case r == '\u3164', r == '\u115f', r == '\u1160', r == '\uffa0', r == '\u2800':
		default:
			return false
		}
	}
	return true
}

// NormalizeTags trims, lower-cases and de-duplicates tags, keeping their order.
func NormalizeTags(tags []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.ToLower(strings.TrimSpace(t))
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	return out
}

// PhoneDigits returns only the digits of a phone number, for matching.
func PhoneDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// checkText rejects text that is too long or not valid UTF-8. Newlines are
// allowed only where multiline is true.
func checkText(field, s string, max int, multiline bool) error {
	if !utf8.ValidString(s) {
		return Errorf(EINVALID, "%s is not valid UTF-8 text", field)
	}
	if n := utf8.RuneCountInString(s); n > max {
		return Errorf(EINVALID, "%s is too long: %d characters, at most %d", field, n, max)
	}
	if !multiline && strings.ContainsAny(s, "\r\n") {
		return Errorf(EINVALID, "%s must be a single line", field)
	}
	return nil
}

// CustomerUpdate is a partial update: nil fields are left as they are.
type CustomerUpdate struct {
	Name        *string
	Nickname    *string
	Phone       *string // the preferred phone; "" drops it
	Email       *string // the preferred e-mail; "" drops it
	Phones      *[]Contact
	Emails      *[]Contact
	Address     *Address
	Birthday    *MonthDay
	Anniversary *MonthDay
	Partner     *string
	Children    *string
	Interests   *string
	Usual       *string
	Tags        *[]string
	ReferredBy  *int64 // 0 clears it
}

// Apply copies the set fields of u onto c.
func (u CustomerUpdate) Apply(c *Customer) {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&c.Name, u.Name)
	set(&c.Nickname, u.Nickname)
	if u.Phones != nil {
		c.Phones, c.Phone = append([]Contact(nil), (*u.Phones)...), ""
	}
	if u.Emails != nil {
		c.Emails, c.Email = append([]Contact(nil), (*u.Emails)...), ""
	}
	if u.Phone != nil {
		c.Phones, c.Phone = setPreferred(c.Phones, *u.Phone), *u.Phone
	}
	if u.Email != nil {
		c.Emails, c.Email = setPreferred(c.Emails, *u.Email), *u.Email
	}
	if u.Address != nil {
		c.Address = *u.Address
	}
	set(&c.Partner, u.Partner)
	set(&c.Children, u.Children)
	set(&c.Interests, u.Interests)
	set(&c.Usual, u.Usual)
	if u.Birthday != nil {
		c.Birthday = *u.Birthday
	}
	if u.Anniversary != nil {
		c.Anniversary = *u.Anniversary
	}
	if u.Tags != nil {
		c.Tags = append([]string(nil), (*u.Tags)...)
	}
	if u.ReferredBy != nil {
		c.ReferredBy = *u.ReferredBy
	}
}
