package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"path/filepath"
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

func customerUID(c *model.Customer) string {
	return uuid.NewSHA1(regularsNamespace, []byte(strconv.FormatInt(c.ID, 10)+"/"+formatTime(c.Created))).String()
}

// vcardOrder is the order properties are written in.
var vcardOrder = []string{vcard.FieldVersion, vcard.FieldProductID, vcard.FieldUID, vcard.FieldFormattedName,
	vcard.FieldName, vcard.FieldNickname, vcard.FieldTelephone, vcard.FieldEmail, vcard.FieldBirthday,
	vcard.FieldAnniversary, vcard.FieldRelated, vcard.FieldCategories, vcard.FieldNote,
	"X-REGULARS-INTERESTS", "X-REGULARS-USUAL"}

// listFields are written as comma-separated lists of escaped values.
var listFields = map[string]bool{vcard.FieldCategories: true, vcard.FieldNickname: true}

// customerCard builds the vCard 4.0 of a customer and their notes.
func customerCard(c *model.Customer, notes []string) vcard.Card {
	card := vcard.Card{}
	card.SetValue(vcard.FieldVersion, "4.0")
	card.SetValue(vcard.FieldProductID, "-//Regulars//Regulars//EN")
	card.SetValue(vcard.FieldUID, "urn:uuid:"+customerUID(c))
	card.SetValue(vcard.FieldFormattedName, c.Name)
	given, family := splitName(c.Name)
	// Components are kept apart by NUL until encodeCard escapes each one;
	// escaping drops control characters anyway, so a NUL in a value goes.
	card.SetValue(vcard.FieldName, joinParts(family, given, "", "", ""))
	if c.Nickname != "" {
		card.SetValue(vcard.FieldNickname, joinParts(c.Nickname))
	}
	if c.Phone != "" {
		card.Add(vcard.FieldTelephone, &vcard.Field{Value: c.Phone, Params: vcard.Params{"VALUE": {"text"}}})
	}
	if c.Email != "" {
		card.SetValue(vcard.FieldEmail, c.Email)
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
			for _, pk := range []string{vcard.ParamType, "VALUE"} {
				if vs := f.Params[pk]; len(vs) > 0 {
					b.WriteString(";" + pk + "=" + strings.Join(vs, ","))
				}
			}
			b.WriteByte(':')
			switch {
			case k == vcard.FieldName:
				parts := strings.Split(f.Value, "\x00")
				for i := range parts {
					parts[i] = escapeText(parts[i], false)
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

// ExportVCard writes a vCard 4.0 card for every customer who is not
// archived, with their notes (private ones left out: cards end up on phones
// and in shared address books).
func (s *Store) ExportVCard(ctx context.Context, w io.Writer) error {
	return s.eachCard(ctx, func(_ string, card vcard.Card) error {
		return encodeCard(w, card)
	})
}

// ExportVCardDir writes one card a file into dir, named by the card's UID,
// the layout ("vdir") khard, vdirsyncer and other address books read. A
// later export into the same folder replaces each customer's file. It
// returns the number of cards written.
func (s *Store) ExportVCardDir(ctx context.Context, dir string) (int, error) {
	n := 0
	err := s.eachCard(ctx, func(uid string, card vcard.Card) error {
		n++
		return WritePrivateFile(filepath.Join(dir, uid+".vcf"), func(w io.Writer) error {
			return encodeCard(w, card)
		})
	})
	return n, err
}

// eachCard builds the card of every active customer, in one snapshot.
func (s *Store) eachCard(ctx context.Context, fn func(uid string, card vcard.Card) error) error {
	return s.readTx(ctx, func(tx *sql.Tx) error {
		cs, err := activeCustomers(ctx, tx)
		if err != nil {
			return err
		}
		notes := map[int64][]string{}
		if err := eachRow(ctx, tx, `SELECT customer_id, text FROM notes WHERE private = 0 ORDER BY created_at, id`, func(r *sql.Rows) error {
			var id int64
			var text string
			if err := r.Scan(&id, &text); err != nil {
				return err
			}
			notes[id] = append(notes[id], text)
			return nil
		}); err != nil {
			return err
		}
		for i := range cs {
			if err := fn(customerUID(&cs[i]), customerCard(&cs[i], notes[cs[i].ID])); err != nil {
				var me *model.Error
				if errors.As(err, &me) {
					return err
				}
				return model.Errorf(model.EINVALID, "writing the export: %v", err)
			}
		}
		return nil
	})
}
