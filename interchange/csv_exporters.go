package interchange

import (
	"strings"

	"regulars/model"
)

// The address books' own CSV exports: every phone and e-mail column with
// its label, the first (in the exporter's order of importance) preferred,
// and the home address.

// csvContact is a column of phones or e-mails and its label.
type csvContact struct {
	col   string
	label model.ContactLabel
}

// csvContacts reads the named columns into a customer's phones or e-mails;
// the first with a value is the preferred one, returned too.
func csvContacts(r csvRow, cols ...csvContact) ([]model.Contact, string) {
	var out []model.Contact
	first := ""
	for _, k := range cols {
		v := r.get(k.col)
		if v == "" || len(out) == model.MaxContacts {
			continue
		}
		if first == "" {
			first = v
		}
		out = append(out, model.Contact{Label: k.label, Value: v, Preferred: v == first && len(out) == 0})
	}
	return out, first
}

// csvAddress reads an address from its columns: street lines, town and
// region (joined), postcode, country.
func csvAddress(r csvRow, street []string, town, region, postcode string, country ...string) model.Address {
	var lines []string
	for _, col := range street {
		for _, l := range strings.Split(strings.ReplaceAll(r.get(col), "\r\n", "\n"), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
	}
	if len(lines) > model.MaxStreetLines {
		lines[model.MaxStreetLines-1] = strings.Join(lines[model.MaxStreetLines-1:], ", ")
		lines = lines[:model.MaxStreetLines]
	}
	a := model.Address{Street: strings.Join(lines, "\n"), Town: r.get(town), Postcode: r.get(postcode), Country: firstOfCols(r, country...)}
	if reg := r.get(region); reg != "" && reg != a.Town {
		a.Town = strings.TrimPrefix(a.Town+", "+reg, ", ")
	}
	return a
}

// firstOfCols returns the first column with a value, and the value.
func firstOfCols(r csvRow, cols ...string) string {
	for _, col := range cols {
		if v := r.get(col); v != "" {
			return v
		}
	}
	return ""
}

// thunderbirdRecord reads a row of Thunderbird's address book export.
func thunderbirdRecord(r csvRow) (Record, []string) {
	var rec Record
	var reasons []string
	c := &rec.Customer
	c.Name = r.get("Display Name")
	if c.Name == "" {
		c.Name = strings.Join(strings.Fields(r.get("First Name")+" "+r.get("Last Name")), " ")
	}
	c.Nickname = r.get("Nickname")
	c.Emails, c.Email = csvContacts(r, csvContact{"Primary Email", model.Other}, csvContact{"Secondary Email", model.Other})
	c.Phones, c.Phone = csvContacts(r, csvContact{"Mobile Number", model.Mobile}, csvContact{"Home Phone", model.Home}, csvContact{"Work Phone", model.Work})
	c.Address = csvAddress(r, []string{"Home Address", "Home Address 2"}, "Home City", "Home State", "Home ZipCode", "Home Country")
	if c.Name == "" {
		c.Name = c.Email
	}
	if y, m, d := r.get("Birth Year"), r.get("Birth Month"), r.get("Birth Day"); m != "" && d != "" {
		iso := "--" + m + "-" + d
		if y != "" {
			iso = y + "-" + m + "-" + d
		}
		md, err := importDate(iso, DateAuto)
		if err != nil {
			reasons = append(reasons, "Birth Year, Month, Day: "+model.ErrorMessage(err))
		}
		c.Birthday = md
	}
	if n := r.get("Notes"); n != "" {
		rec.Notes = append(rec.Notes, model.Note{Text: n})
	}
	return rec, reasons
}

// outlookRecord reads a row of Outlook's or Windows Live Mail's contacts
// export. The name is built from its parts: Windows Live Mail's "Name"
// column can hold the surname alone.
func outlookRecord(r csvRow) (Record, []string) {
	var rec Record
	var reasons []string
	c := &rec.Customer
	c.Name = strings.Join(strings.Fields(r.get("First Name")+" "+r.get("Middle Name")+" "+r.get("Last Name")), " ")
	if c.Name == "" {
		c.Name = firstOfCols(r, "Name", "Display Name", "Company")
	}
	c.Nickname = r.get("Nickname")
	c.Emails, c.Email = csvContacts(r, csvContact{"E-mail Address", model.Other}, csvContact{"E-mail 2 Address", model.Other}, csvContact{"E-mail 3 Address", model.Other})
	c.Phones, c.Phone = csvContacts(r, csvContact{"Mobile Phone", model.Mobile}, csvContact{"Primary Phone", model.Other}, csvContact{"Home Phone", model.Home},
		csvContact{"Business Phone", model.Work}, csvContact{"Home Phone 2", model.Home}, csvContact{"Business Phone 2", model.Work}, csvContact{"Other Phone", model.Other})
	c.Address = csvAddress(r, []string{"Home Street", "Home Street 2", "Home Street 3"}, "Home City", "Home State", "Home Postal Code", "Home Country/Region", "Home Country")
	if c.Name == "" {
		c.Name = c.Email
	}
	for _, bad := range []string{r.date("Birthday", r.get("Birthday"), &rec, birthdayOf), r.date("Anniversary", r.get("Anniversary"), &rec, anniversaryOf)} {
		if bad != "" {
			reasons = append(reasons, bad)
		}
	}
	c.Partner = r.get("Spouse")
	c.Children = r.get("Children")
	if cat := r.get("Categories"); cat != "" {
		c.Tags = foreignTags(strings.FieldsFunc(cat, func(r rune) bool { return r == ';' || r == ',' }))
	}
	if n := r.get("Notes"); n != "" {
		rec.Notes = append(rec.Notes, model.Note{Text: n})
	}
	return rec, reasons
}
