package interchange

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/emersion/go-vcard"
	"github.com/google/uuid"

	"regulars/model"
)

// The vCard writer builds go-vcard Cards but encodes them itself: go-vcard's
// Encoder escapes every comma, so CATEGORIES:a,b comes out as one category
// "a,b"; it does not escape semicolons, so a ";" in a name shifts the N
// components; it leaves a carriage return in a value as it is, which ends
// the line for many readers and lets a note inject properties; it sorts the
// properties alphabetically and does not fold long lines. encodeCard writes
// RFC 6350 text escaping per property, folds at 75 octets and keeps a
// readable order.

// regularsNamespace makes stable UIDs: the same customer gets the same UID in
// every export, so an address book updates a card instead of doubling it.
var regularsNamespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://regulars.invalid/customer"))

// ProductID marks the cards Regulars writes (PRODID), so an export into a
// folder of cards knows which files are its own.
const ProductID = "-//Regulars//Regulars//EN"

// CustomerUID is the UID of a customer's card and calendar events.
func CustomerUID(c *model.Customer) string {
	return uuid.NewSHA1(regularsNamespace, []byte(strconv.FormatInt(c.ID, 10)+"/"+formatTime(c.Created))).String()
}

// RecordUID is the identity a record's card and events carry: the one it
// was imported with or the notebook gave it, else (customers from before
// notebooks kept one) the one CustomerUID makes.
func RecordUID(rec *Record) string {
	if rec.UID != "" {
		return rec.UID
	}
	return "urn:uuid:" + CustomerUID(&rec.Customer)
}

// vcardOrder is the order properties are written in.
var vcardOrder = []string{vcard.FieldVersion, vcard.FieldProductID, vcard.FieldUID, vcard.FieldFormattedName,
	vcard.FieldName, vcard.FieldNickname, vcard.FieldTelephone, vcard.FieldEmail, vcard.FieldAddress, vcard.FieldBirthday,
	vcard.FieldAnniversary, vcard.FieldRelated, vcard.FieldCategories, vcard.FieldNote,
	"X-REGULARS-INTERESTS", "X-REGULARS-USUAL"}

// listFields are written as comma-separated lists of escaped values.
var listFields = map[string]bool{vcard.FieldCategories: true, vcard.FieldNickname: true}

// customerCard builds the vCard 4.0 of a customer and their notes.
func customerCard(c *model.Customer, uid string, notes []string) vcard.Card {
	card := vcard.Card{}
	card.SetValue(vcard.FieldVersion, "4.0")
	card.SetValue(vcard.FieldProductID, ProductID)
	card.SetValue(vcard.FieldUID, uid)
	card.SetValue(vcard.FieldFormattedName, c.Name)
	given, family := splitName(c.Name)
	// Components are kept apart by NUL until encodeCard escapes each one;
	// escaping drops control characters anyway, so a NUL in a value goes.
	card.SetValue(vcard.FieldName, joinParts(family, given, "", "", ""))
	if c.Nickname != "" {
		card.SetValue(vcard.FieldNickname, joinParts(c.Nickname))
	}
	// Every phone and e-mail, labelled, the preferred one PREF=1 when there are several. A phone
	// is written as typed, TEL;TYPE=CELL:+49 170 …, the form abook and
	// older address books read, not as a tel: URI.
	phones, emails := contactsOf(c.Phones, c.Phone), contactsOf(c.Emails, c.Email)
	for _, k := range phones {
		p := vcard.Params{vcard.ParamType: {phoneTypes[k.Label]}}
		if k.Preferred && len(phones) > 1 {
			p[vcard.ParamPreferred] = []string{"1"}
		}
		card.Add(vcard.FieldTelephone, &vcard.Field{Value: k.Value, Params: p})
	}
	for _, k := range emails {
		p := vcard.Params{}
		if t := emailTypes[k.Label]; t != "" {
			p[vcard.ParamType] = []string{t}
		}
		if k.Preferred && len(emails) > 1 {
			p[vcard.ParamPreferred] = []string{"1"}
		}
		card.Add(vcard.FieldEmail, &vcard.Field{Value: k.Value, Params: p})
	}
	if a := c.Address; !a.IsZero() {
		card.Add(vcard.FieldAddress, &vcard.Field{Value: joinParts("", "", a.Street, a.Town, "", a.Postcode, a.Country)})
	}
	if !c.Birthday.IsZero() {
		card.SetValue(vcard.FieldBirthday, vcardDate(c.Birthday))
	}
	if !c.Anniversary.IsZero() {
		card.SetValue(vcard.FieldAnniversary, vcardDate(c.Anniversary))
	}
	related := func(typ, name string) {
		card.Add(vcard.FieldRelated, &vcard.Field{Value: name, Params: vcard.Params{vcard.ParamType: {typ}, "VALUE": {"text"}}})
	}
	if c.Partner != "" {
		related(vcard.TypeSpouse, c.Partner)
	}
	for _, child := range strings.Split(c.Children, ",") {
		if child = strings.TrimSpace(child); child != "" {
			related(vcard.TypeChild, child)
		}
	}
	if len(c.Tags) > 0 {
		card.Set(vcard.FieldCategories, &vcard.Field{Value: joinParts(c.Tags...)})
	}
	for _, n := range notes {
		card.AddValue(vcard.FieldNote, n)
	}
	if c.Interests != "" {
		card.SetValue("X-REGULARS-INTERESTS", c.Interests)
	}
	if c.Usual != "" {
		card.SetValue("X-REGULARS-USUAL", c.Usual)
	}
	return card
}

// The TYPE a phone or e-mail of each label is written with.
var (
	phoneTypes = map[model.ContactLabel]string{model.Mobile: "CELL", model.Home: "HOME", model.Work: "WORK", model.Other: "VOICE", "": "VOICE"}
	emailTypes = map[model.ContactLabel]string{model.Home: "HOME", model.Work: "WORK"}
)

// contactsOf is a customer's phones or e-mails: the list, or the one
// single value of a customer never passed through Validate.
func contactsOf(list []model.Contact, single string) []model.Contact {
	if len(list) == 0 && single != "" {
		return []model.Contact{{Label: model.Other, Value: single, Preferred: true}}
	}
	return list
}

// joinParts joins the parts of a structured or list value with NUL, which
// encodeCard splits on.
func joinParts(parts ...string) string {
	clean := make([]string, len(parts))
	for i, p := range parts {
		clean[i] = strings.ReplaceAll(p, "\x00", "")
	}
	return strings.Join(clean, "\x00")
}

// splitName guesses given and family names for N: the last word is the
// family name.
func splitName(name string) (given, family string) {
	words := strings.Fields(name)
	if len(words) < 2 {
		return name, ""
	}
	return strings.Join(words[:len(words)-1], " "), words[len(words)-1]
}

// vcardDate writes 19860415, or --0415 when the year is unknown (RFC 6350 4.3.1).
func vcardDate(md model.MonthDay) string {
	if md.Year == 0 {
		return fmt.Sprintf("--%02d%02d", int(md.Month), md.Day)
	}
	return fmt.Sprintf("%04d%02d%02d", md.Year, int(md.Month), md.Day)
}

// escapeText escapes a vCard text value. Every kind of line break becomes
// \n (a space outside notes), other control characters are dropped, so no
// value can end its line.
func escapeText(s string, multiline bool) string {
	var b strings.Builder
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case ',':
			b.WriteString(`\,`)
		case ';':
			b.WriteString(`\;`)
		case '\n', '\r', '\v', '\f', 0x85, 0x2028, 0x2029:
			if multiline {
				b.WriteString(`\n`)
			} else {
				b.WriteByte(' ')
			}
		case '\t':
			b.WriteByte(' ')
		default:
			if r < 0x20 || r == 0x7f {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// encodeCard writes one card.
func encodeCard(w io.Writer, card vcard.Card) error {
	var b strings.Builder
	b.WriteString("BEGIN:VCARD\r\n")
	for _, k := range vcardOrder {
		for _, f := range card[k] {
			b.WriteString(k)
			for _, pk := range []string{vcard.ParamType, vcard.ParamPreferred, "VALUE"} {
				if vs := f.Params[pk]; len(vs) > 0 {
					b.WriteString(";" + pk + "=" + strings.Join(vs, ","))
				}
			}
			b.WriteByte(':')
			switch {
			case k == vcard.FieldName || k == vcard.FieldAddress:
				parts := strings.Split(f.Value, "\x00")
				for i := range parts {
					parts[i] = escapeText(parts[i], k == vcard.FieldAddress) // street lines keep their breaks
				}
				b.WriteString(strings.Join(parts, ";"))
			case listFields[k]:
				parts := strings.Split(f.Value, "\x00")
				for i := range parts {
					parts[i] = escapeText(parts[i], false)
				}
				b.WriteString(strings.Join(parts, ","))
			case k == vcard.FieldVersion || k == vcard.FieldBirthday || k == vcard.FieldAnniversary || k == vcard.FieldUID:
				b.WriteString(f.Value)
			default:
				b.WriteString(escapeText(f.Value, k == vcard.FieldNote))
			}
			b.WriteString("\r\n")
		}
	}
	b.WriteString("END:VCARD\r\n")
	_, err := io.WriteString(foldWriter{w}, b.String())
	return err
}

// VCardWriter writes a vCard 4.0 card for every customer who is not
// archived, with their notes (private ones left out: cards end up on phones
// and in shared address books), oldest first.
type VCardWriter struct {
	w io.Writer
}

// NewVCardWriter starts a file of cards; there is no header.
func NewVCardWriter(w io.Writer) *VCardWriter { return &VCardWriter{w: w} }

// Write writes the customer's card, unless archived.
func (w *VCardWriter) Write(rec *Record) error {
	if rec.Customer.Archived {
		return nil
	}
	var notes []model.Note
	for _, n := range rec.Notes {
		if !n.Private {
			notes = append(notes, n)
		}
	}
	sort.SliceStable(notes, func(i, j int) bool { return notes[i].Created.Before(notes[j].Created) })
	texts := make([]string, len(notes))
	for i := range notes {
		texts[i] = notes[i].Text
	}
	return writeError(encodeCard(w.w, customerCard(&rec.Customer, RecordUID(rec), texts)))
}

// Close has nothing to end: a file of cards is the cards.
func (w *VCardWriter) Close() error { return nil }
