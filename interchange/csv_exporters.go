package interchange

import (
	"strings"

	"regulars/model"
)

// The address books' own CSV exports. A customer has one phone and one
// e-mail today: the preferred ones go there, every other phone, e-mail and
// the home address into a note, until customers hold several.

// noteColumns puts the named columns that have a value into a note, one
// "Column: value" line each, skipping the values already used.
func noteColumns(r csvRow, used map[string]bool, cols ...string) []string {
	var lines []string
	for _, col := range cols {
		if v := r.get(col); v != "" && !used[v] {
			lines = append(lines, col+": "+v)
		}
	}
	return lines
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

// joinCells joins the cells of an address that have a value.
func joinCells(r csvRow, cols ...string) string {
	var parts []string
	for _, col := range cols {
		if v := r.get(col); v != "" {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, ", ")
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
	c.Email = firstOfCols(r, "Primary Email", "Secondary Email")
	c.Phone = firstOfCols(r, "Mobile Number", "Home Phone", "Work Phone")
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
	used := map[string]bool{c.Email: true, c.Phone: true}
	more := noteColumns(r, used, "Secondary Email", "Mobile Number", "Home Phone", "Work Phone")
	if a := joinCells(r, "Home Address", "Home Address 2", "Home City", "Home State", "Home ZipCode", "Home Country"); a != "" {
		more = append(more, "Home address: "+a)
	}
	if len(more) > 0 {
		rec.Notes = append(rec.Notes, model.Note{Text: "From Thunderbird:\n" + strings.Join(more, "\n")})
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
	c.Email = firstOfCols(r, "E-mail Address", "E-mail 2 Address", "E-mail 3 Address")
	c.Phone = firstOfCols(r, "Mobile Phone", "Primary Phone", "Home Phone", "Business Phone", "Home Phone 2", "Business Phone 2", "Other Phone")
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
	used := map[string]bool{c.Email: true, c.Phone: true}
	more := noteColumns(r, used, "E-mail 2 Address", "E-mail 3 Address", "Mobile Phone", "Primary Phone", "Home Phone", "Home Phone 2", "Business Phone", "Business Phone 2", "Other Phone")
	if a := joinCells(r, "Home Street", "Home Street 2", "Home City", "Home State", "Home Postal Code", "Home Country/Region", "Home Country"); a != "" {
		more = append(more, "Home address: "+a)
	}
	if len(more) > 0 {
		rec.Notes = append(rec.Notes, model.Note{Text: "From the address book:\n" + strings.Join(more, "\n")})
	}
	return rec, reasons
}
