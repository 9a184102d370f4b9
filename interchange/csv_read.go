package interchange

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"regulars/model"
)

// lineLimitReader fails a read when the file or one of its lines is too
// long, before encoding/csv buffers it all.
type lineLimitReader struct {
	r       io.Reader
	lim     Limits
	total   int64
	lineLen int
	line    int
	err     error // sticky: once too long, always too long
}

func (l *lineLimitReader) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	for _, c := range p[:n] {
		if c == '\n' {
			l.line++
			l.lineLen = 0
			continue
		}
		l.lineLen++
		if l.lineLen > l.lim.MaxLine {
			l.err = model.Errorf(model.EINVALID, "line %d is longer than %s; is this really a CSV file?", l.line+1, humanBytes(int64(l.lim.MaxLine)))
			return 0, l.err
		}
	}
	l.total += int64(n)
	if l.total > l.lim.MaxBytes {
		l.err = model.Errorf(model.EINVALID, "the file is larger than %s; split it into smaller files", humanBytes(l.lim.MaxBytes))
		return 0, l.err
	}
	return n, err
}

// csvFlavor is the program that wrote a CSV file.
type csvFlavor int

const (
	csvRegulars    csvFlavor = iota // what regulars export writes
	csvGoogle                       // Google Contacts export
	csvSquare                       // Square customer directory export
	csvThunderbird                  // Thunderbird's address book export
	csvOutlook                      // Outlook's contacts export
	csvLiveMail                     // Windows Live Mail's contacts export
	csvGeneric                      // a spreadsheet someone made: Name, Phone, Email, ...
)

var csvFlavorNames = map[csvFlavor]string{
	csvRegulars:    "Regulars CSV",
	csvGoogle:      "Google Contacts CSV",
	csvSquare:      "Square customer directory CSV",
	csvThunderbird: "Thunderbird CSV",
	csvOutlook:     "Outlook CSV",
	csvLiveMail:    "Windows Live Mail CSV",
	csvGeneric:     "CSV",
}

// csvColumns lists Regulars' own CSV columns, in the order export writes them.
var csvColumns = []string{"Name", "Nickname", "Phone", "Email", "Birthday", "Anniversary",
	"Partner", "Children", "Interests", "Usual", "Tags", "Created", "Archived"}

// csvRow reads cells by header name, and remembers which columns were
// asked for, so the columns nobody read can be named.
type csvRow struct {
	cols   map[string]int
	fields []string
	read   map[string]bool
	dates  *csvDates
	row    int // the row's index among the rows read
	line   int
}

// get returns the first non-empty cell of the named columns, trimmed.
func (r csvRow) get(names ...string) string {
	for _, n := range names {
		k := strings.ToLower(n)
		if i, ok := r.cols[k]; ok {
			r.read[k] = true
			if i < len(r.fields) {
				if v := strings.TrimSpace(r.fields[i]); v != "" {
					return v
				}
			}
		}
	}
	return ""
}

func (r csvRow) has(name string) bool { _, ok := r.cols[strings.ToLower(name)]; return ok }

// date reads a date cell into the record field pick names. A date written
// D/M/YYYY or M/D/YYYY waits until the whole column is read: its order is
// the column's (see csvDates.resolve).
func (r csvRow) date(col, v string, rec *Record, pick func(*Record) *model.MonthDay) string {
	if v == "" || v == "0/0/00" || v == "00.00.00" { // Outlook's "no date"
		return ""
	}
	if _, _, ok := yearLast(v); ok && r.dates.order == DateAuto {
		r.dates.pending = append(r.dates.pending, pendingDate{row: r.row, line: r.line, col: col, value: v, pick: pick})
		return ""
	}
	md, err := importDate(v, r.dates.order)
	if err != nil {
		return col + ": " + model.ErrorMessage(err)
	}
	*pick(rec) = md
	return ""
}

// csvDates holds the dates whose order the whole column decides.
type csvDates struct {
	order   DateOrder
	pending []pendingDate
}

type pendingDate struct {
	row, line  int
	col, value string
	pick       func(*Record) *model.MonthDay
}

// resolve reads the waiting dates of each column in the column's order:
// day first when some date's first part is above 12 (25/12/1980), month
// first when some date's second part is (12/25/1980). A column with
// neither and a date that reads two ways (05/01/1990) is refused: the
// option settles it.
func (d *csvDates) resolve(rows []csvPending) error {
	type stats struct {
		dmy, mdy, twoWays int // a line of each, 0 for none
		order             DateOrder
	}
	cols := map[string]*stats{}
	var names []string
	for _, p := range d.pending {
		st := cols[p.col]
		if st == nil {
			st = &stats{}
			cols[p.col] = st
			names = append(names, p.col)
		}
		a, b, _ := yearLast(p.value)
		switch {
		case a > 12 && st.dmy == 0:
			st.dmy = p.line
		case b > 12 && st.mdy == 0:
			st.mdy = p.line
		case a != b && a <= 12 && b <= 12 && st.twoWays == 0:
			st.twoWays = p.line
		}
	}
	for _, name := range names {
		st := cols[name]
		switch {
		case st.dmy > 0 && st.mdy > 0:
			return model.Errorf(model.EINVALID, "the %s column has day-first dates (line %d) and month-first dates (line %d): correct them, or import with --date-order dmy or --date-order mdy", name, st.dmy, st.mdy)
		case st.dmy > 0:
			st.order = DateDMY
		case st.mdy > 0:
			st.order = DateMDY
		case st.twoWays > 0:
			return model.Errorf(model.EINVALID, "the %s column's dates can be read day first or month first (line %d): say which with --date-order dmy (05/01/1990 is 5 January) or --date-order mdy (1 May)", name, st.twoWays)
		default:
			st.order = DateMDY
		}
	}
	for _, p := range d.pending {
		md, err := importDate(p.value, cols[p.col].order)
		if err != nil {
			rows[p.row].reasons = append(rows[p.row].reasons, p.col+": "+model.ErrorMessage(err))
			continue
		}
		*p.pick(&rows[p.row].rec) = md
	}
	return nil
}

// csvPending is a row read, waiting for its column's dates.
type csvPending struct {
	rec     Record
	reasons []string
	raw     string
}

func birthdayOf(r *Record) *model.MonthDay    { return &r.Customer.Birthday }
func anniversaryOf(r *Record) *model.MonthDay { return &r.Customer.Anniversary }

// contactWords mark the columns that hold contact data: when one of them
// has data and no reader read it, a warning names it.
var contactWords = []string{"phone", "mail", "address", "street", "city", "zip", "postal", "state", "country",
	"birth", "anniversary", "name", "note", "fax", "pager", "mobile", "web", "company", "organization",
	"title", "department", "spouse", "partner", "child", "categor", "group", "label", "custom"}

func looksLikeContact(col string) bool {
	col = strings.ToLower(col)
	for _, w := range contactWords {
		if strings.Contains(col, w) {
			return true
		}
	}
	return false
}

// ParseCSV reads a CSV file with a header row: Regulars' own export, Google
// Contacts, a Square customer directory, Thunderbird, Outlook or Windows
// Live Mail contacts, or a spreadsheet with columns such as Name, Phone,
// Email and Birthday.
func ParseCSV(r io.Reader, lim Limits) (*Batch, error) {
	lim = lim.orDefault()
	lr := &lineLimitReader{r: r, lim: lim}
	br := bufio.NewReaderSize(lr, 64<<10)
	if head, err := br.Peek(3); err == nil && string(head) == string(utf8BOM) {
		br.Discard(3)
	}
	comma := sniffComma(br)
	tee := &rawTee{r: br}
	cr := csv.NewReader(tee)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	b := &Batch{}
	var cp1252 bool
	// text makes every cell UTF-8: a cell that is not is Windows-1252,
	// what Excel and Outlook write as "CSV" on Western Windows.
	text := func(fields []string, line int) error {
		for i, f := range fields {
			if utf8.ValidString(f) {
				continue
			}
			v, ok := decodeCharset(f, "windows-1252")
			if !ok {
				return model.Errorf(model.EINVALID, "line %d is neither UTF-8 nor Windows-1252 text: save the file as CSV UTF-8 and import it again", line)
			}
			fields[i], cp1252 = v, true
		}
		return nil
	}
	header, err := cr.Read()
	if lr.err != nil {
		return nil, lr.err
	}
	if err == io.EOF {
		return nil, model.Errorf(model.EINVALID, "the file is empty")
	}
	if err != nil {
		return nil, csvError(err)
	}
	b.Header = tee.take(0, cr.InputOffset())
	if err := text(header, 1); err != nil {
		return nil, err
	}
	cols := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if _, dup := cols[h]; !dup && h != "" {
			cols[h] = i
		}
	}
	dates := &csvDates{order: lim.DateOrder}
	row := csvRow{cols: cols, read: map[string]bool{}, dates: dates}
	flavor := csvGeneric
	switch {
	case row.has("Labels") || row.has("Group Membership") || row.has("E-mail 1 - Value") || row.has("Phone 1 - Value") || row.has("Given Name"):
		flavor = csvGoogle
	case row.has("Square Customer ID") || row.has("Email Address") || row.has("Phone Number") || row.has("Memo") || row.has("Lifetime Spend"):
		flavor = csvSquare
	case row.has("Primary Email") || row.has("Mobile Number") && row.has("Display Name"):
		flavor = csvThunderbird
	case row.has("E-mail Address") && row.has("Home Street") && row.has("Name") && !row.has("E-mail 2 Address"):
		flavor = csvLiveMail
	case row.has("E-mail Address") && (row.has("Business Phone") || row.has("Mobile Phone") || row.has("Home Phone")):
		flavor = csvOutlook
	case row.has("Name") && row.has("Usual") && row.has("Created"):
		flavor = csvRegulars
	case !row.has("Name") && !row.has("Full Name") && !row.has("First Name") && !row.has("Last Name"):
		return nil, model.Errorf(model.EINVALID, "cannot tell which column holds the name: the first row should be a header with a Name (or First Name and Last Name) column, followed by columns such as Phone, Email and Birthday")
	}
	b.Format = csvFlavorNames[flavor]
	hasData := make([]bool, len(header))
	var rows []csvPending
	for n := 0; ; {
		from := cr.InputOffset()
		fields, err := cr.Read()
		raw := tee.take(from, cr.InputOffset())
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			b.Errors = append(b.Errors, RecordError{Where: fmt.Sprintf("line %d", pe.StartLine), Reason: csvMessage(pe), Raw: raw})
			if len(b.Errors) > 100 {
				return nil, model.Errorf(model.EINVALID, "this does not look like a CSV file: line %d and many others cannot be read", pe.StartLine)
			}
			continue
		}
		if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		if blankRow(fields) {
			continue
		}
		if n++; n > lim.MaxRecords {
			return nil, model.Errorf(model.EINVALID, "the file has more than %d rows; split it into smaller files", lim.MaxRecords)
		}
		if err := text(fields, line); err != nil {
			return nil, err
		}
		for i, f := range fields {
			if i < len(hasData) && strings.TrimSpace(f) != "" {
				hasData[i] = true
			}
		}
		row.fields, row.row, row.line = fields, len(rows), line
		var rec Record
		var reasons []string
		switch flavor {
		case csvGoogle:
			rec, reasons = googleRecord(row)
		case csvSquare:
			rec, reasons = squareRecord(row)
		case csvThunderbird:
			rec, reasons = thunderbirdRecord(row)
		case csvOutlook, csvLiveMail:
			rec, reasons = outlookRecord(row)
		default:
			rec, reasons = regularsRecord(row, flavor == csvRegulars)
		}
		rec.Where = fmt.Sprintf("line %d", line)
		if strings.TrimSpace(rec.Customer.Name) == "" && len(reasons) == 0 {
			reasons = append(reasons, "the row has no name")
		}
		rows = append(rows, csvPending{rec: rec, reasons: reasons, raw: raw})
	}
	if err := dates.resolve(rows); err != nil {
		return nil, err
	}
	for i := range rows {
		b.addRaw(rows[i].rec, rows[i].reasons, rows[i].raw)
	}
	if cp1252 {
		b.Warnings = append(b.Warnings, Warning{Text: "the file is not UTF-8: read as Windows-1252"})
	}
	var unread []string
	for i, h := range header {
		h = strings.TrimSpace(h)
		if i < len(hasData) && hasData[i] && !row.read[strings.ToLower(h)] && looksLikeContact(h) {
			unread = append(unread, h)
		}
	}
	if len(unread) > 0 {
		b.Warnings = append(b.Warnings, Warning{Text: "columns not read: " + strings.Join(unread, ", ")})
	}
	return b, nil
}

// rawTee keeps the bytes encoding/csv reads until they are taken, so a
// refused row can be written to a rejects file as it was in the file.
type rawTee struct {
	r    io.Reader
	buf  []byte // the bytes from offset base on
	base int64
}

func (t *rawTee) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.buf = append(t.buf, p[:n]...)
	return n, err
}

// take returns the bytes from offset from to offset to, and forgets
// everything before to.
func (t *rawTee) take(from, to int64) string {
	if from < t.base || to < from || to-t.base > int64(len(t.buf)) {
		return ""
	}
	s := string(t.buf[from-t.base : to-t.base])
	t.buf = append(t.buf[:0], t.buf[to-t.base:]...)
	t.base = to
	return s
}

// sniffComma picks the separator from the header line: spreadsheets set to
// some European locales write semicolons.
func sniffComma(br *bufio.Reader) rune {
	head, _ := br.Peek(4096)
	if i := strings.IndexByte(string(head), '\n'); i >= 0 {
		head = head[:i]
	}
	counts := map[rune]int{}
	inQuote := false
	for _, c := range string(head) {
		if c == '"' {
			inQuote = !inQuote
		} else if !inQuote && (c == ',' || c == ';' || c == '\t') {
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

func blankRow(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func csvError(err error) error {
	var me *model.Error
	if errors.As(err, &me) {
		return me
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return model.Errorf(model.EINVALID, "line %d: %s", pe.StartLine, csvMessage(pe))
	}
	return model.Errorf(model.EINVALID, "cannot read the file: %v", err)
}

func csvMessage(pe *csv.ParseError) string {
	switch {
	case errors.Is(pe.Err, csv.ErrQuote), errors.Is(pe.Err, csv.ErrBareQuote):
		return fmt.Sprintf("a quote (\") is out of place near line %d, column %d: a cell with quotes must be wholly in quotes, with inner quotes doubled (\"\")", pe.Line, pe.Column)
	}
	return pe.Err.Error()
}

// unformula undoes the spreadsheet guard export adds to cells that start
// with = + - @ or a quote.
func unformula(s string) string {
	if strings.HasPrefix(s, "'") {
		return s[1:]
	}
	return s
}

// regularsRecord reads Regulars' own columns; in a generic spreadsheet, the
// same columns under the names people commonly give them.
func regularsRecord(r csvRow, own bool) (Record, []string) {
	var rec Record
	var reasons []string
	get := func(names ...string) string {
		if own {
			// Regulars' own file: the cell exactly, less the spreadsheet guard.
			k := strings.ToLower(names[0])
			r.read[k] = true
			if i, ok := r.cols[k]; ok && i < len(r.fields) {
				return unformula(r.fields[i])
			}
			return ""
		}
		return r.get(names...)
	}
	c := &rec.Customer
	c.Name = get("Name", "Full Name", "Display Name")
	if c.Name == "" {
		c.Name = strings.Join(strings.Fields(get("First Name", "Given Name")+" "+get("Last Name", "Family Name", "Surname")), " ")
	}
	c.Nickname = get("Nickname")
	c.Phone = get("Phone", "Mobile", "Mobile Phone", "Phone Number", "Telephone", "Tel")
	c.Email = get("Email", "E-mail", "Email Address", "E-mail Address", "Mail")
	for _, bad := range []string{r.date("Birthday", get("Birthday", "Date of Birth", "Birthdate", "DOB"), &rec, birthdayOf),
		r.date("Anniversary", get("Anniversary"), &rec, anniversaryOf)} {
		if bad != "" {
			reasons = append(reasons, bad)
		}
	}
	c.Partner = get("Partner", "Spouse")
	c.Children = get("Children", "Kids")
	c.Interests = get("Interests")
	c.Usual = get("Usual", "Usual Order")
	if tags := strings.TrimSpace(get("Tags", "Labels", "Groups")); tags != "" && own {
		// Regulars' own tags come back as they were: a tab inside one stays.
		for _, t := range strings.Split(tags, ",") {
			if t = strings.TrimSpace(t); t != "" {
				c.Tags = append(c.Tags, t)
			}
		}
	} else if tags != "" {
		c.Tags = foreignTags(strings.Split(tags, ","))
	}
	if own {
		if s := get("Created"); s != "" {
			t := parseTime(s)
			if t.IsZero() {
				reasons = append(reasons, fmt.Sprintf("Created: %q is not a time like 2026-11-23T09:30:00.000Z", s))
			}
			c.Created = t
		}
		switch a := strings.ToLower(strings.TrimSpace(get("Archived"))); a {
		case "", "no", "false", "0":
		case "yes", "true", "1":
			c.Archived = true
		default:
			reasons = append(reasons, fmt.Sprintf("Archived: %q is not yes or no", a))
		}
	}
	if n := get("Notes", "Note"); n != "" {
		rec.Notes = append(rec.Notes, model.Note{Text: n})
	}
	return rec, reasons
}

// googleValue returns the value of the numbered Google columns ("E-mail 1 -
// Value", ...) marked primary (label "* Home"), else the first. A cell can
// hold several values separated by " ::: ".
func googleValue(r csvRow, kind string) string {
	first := ""
	for i := 1; i <= 20; i++ {
		prefix := kind + " " + strconv.Itoa(i) + " - "
		if !r.has(prefix + "Value") {
			break
		}
		v := strings.TrimSpace(firstOf(strings.Split(r.get(prefix+"Value"), ":::")))
		if v == "" {
			continue
		}
		if strings.HasPrefix(r.get(prefix+"Label", prefix+"Type"), "*") {
			return v
		}
		if first == "" {
			first = v
		}
	}
	return first
}

// googleContacts reads every value of the numbered Google columns, with
// its label ("* Mobile" is the primary mobile); preferred is the one
// googleValue picked.
func googleContacts(r csvRow, kind, preferred string) []model.Contact {
	var out []model.Contact
	for i := 1; i <= 20; i++ {
		prefix := kind + " " + strconv.Itoa(i) + " - "
		if !r.has(prefix + "Value") {
			break
		}
		label := googleLabel(r.get(prefix+"Label", prefix+"Type"))
		for _, v := range strings.Split(r.get(prefix+"Value"), ":::") {
			if v = strings.TrimSpace(v); v != "" && len(out) < model.MaxContacts {
				out = append(out, model.Contact{Label: label, Value: v, Preferred: v == preferred})
			}
		}
	}
	return out
}

// googleLabel turns Google's "* Mobile", "Home", "Work" into a label.
func googleLabel(s string) model.ContactLabel {
	switch strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "*"))) {
	case "mobile", "cell":
		return model.Mobile
	case "home":
		return model.Home
	case "work":
		return model.Work
	}
	return model.Other
}

// googleAddress reads the primary (label "* Home") or first address.
func googleAddress(r csvRow) model.Address {
	var first model.Address
	for i := 1; i <= 20; i++ {
		p := "Address " + strconv.Itoa(i) + " - "
		if !r.has(p+"Street") && !r.has(p+"Formatted") {
			break
		}
		a := csvAddress(r, []string{p + "PO Box", p + "Street", p + "Extended Address"}, p+"City", p+"Region", p+"Postal Code", p+"Country")
		if a.IsZero() {
			if f := r.get(p + "Formatted"); f != "" {
				if pa, err := model.ParseAddress(strings.ReplaceAll(f, "\n", ", ")); err == nil {
					a = pa
				}
			}
		}
		if a.IsZero() {
			continue
		}
		if strings.HasPrefix(r.get(p+"Label", p+"Type"), "*") {
			return a
		}
		if first.IsZero() {
			first = a
		}
	}
	return first
}

func googleRecord(r csvRow) (Record, []string) {
	var rec Record
	var reasons []string
	c := &rec.Customer
	c.Name = r.get("Name")
	if c.Name == "" {
		var parts []string
		for _, k := range [][]string{{"Name Prefix"}, {"First Name", "Given Name"}, {"Middle Name", "Additional Name"}, {"Last Name", "Family Name"}, {"Name Suffix"}} {
			if v := r.get(k...); v != "" {
				parts = append(parts, v)
			}
		}
		c.Name = strings.Join(parts, " ")
	}
	c.Nickname = r.get("Nickname")
	if c.Name == "" {
		c.Name = r.get("Organization Name", "Organization 1 - Name", "File As")
	}
	c.Email = googleValue(r, "E-mail")
	c.Phone = googleValue(r, "Phone")
	c.Emails = googleContacts(r, "E-mail", c.Email)
	c.Phones = googleContacts(r, "Phone", c.Phone)
	c.Address = googleAddress(r)
	if c.Name == "" {
		c.Name = c.Nickname
	}
	if c.Name == "" {
		c.Name = c.Email
	}
	if bad := r.date("Birthday", r.get("Birthday"), &rec, birthdayOf); bad != "" {
		reasons = append(reasons, bad)
	}
	var children []string
	for i := 1; i <= 20; i++ {
		p := "Relation " + strconv.Itoa(i) + " - "
		if !r.has(p + "Value") {
			break
		}
		label := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(r.get(p+"Label", p+"Type"), "*")))
		v := r.get(p + "Value")
		switch {
		case v == "":
		case partnerWords[label] && c.Partner == "":
			c.Partner = v
		case childWords[label]:
			children = append(children, v)
		}
	}
	c.Children = strings.Join(children, ", ")
	for i := 1; i <= 20; i++ {
		p := "Event " + strconv.Itoa(i) + " - "
		if !r.has(p + "Value") {
			break
		}
		label := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(r.get(p+"Label", p+"Type"), "*")))
		if anniversaryWords[label] && c.Anniversary.IsZero() {
			if bad := r.date(fmt.Sprintf("Event %d - Value", i), r.get(p+"Value"), &rec, anniversaryOf); bad != "" {
				reasons = append(reasons, bad)
			}
		}
	}
	var labels []string
	for _, l := range strings.Split(r.get("Labels", "Group Membership"), ":::") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "*") { // "* myContacts", "* starred": Google's own
			labels = append(labels, l)
		}
	}
	c.Tags = foreignTags(labels)
	if n := r.get("Notes"); n != "" {
		rec.Notes = append(rec.Notes, model.Note{Text: n})
	}
	return rec, reasons
}

// squareRecord reads a row of Square's customer directory export. Square
// knows the visit history only as a summary; the first and last visits
// become visits (with no amount: the amounts are not in the file) so "last
// seen" is right, and the whole summary is kept as a note.
func squareRecord(r csvRow) (Record, []string) {
	var rec Record
	var reasons []string
	c := &rec.Customer
	c.Name = strings.Join(strings.Fields(r.get("First Name")+" "+r.get("Last Name")), " ")
	c.Nickname = r.get("Nickname")
	if c.Name == "" {
		c.Name = r.get("Company Name")
	}
	c.Email = r.get("Email Address", "Email")
	c.Phone = r.get("Phone Number", "Phone")
	if c.Name == "" {
		c.Name = c.Nickname
	}
	if c.Name == "" {
		c.Name = c.Email
	}
	if bad := r.date("Birthday", r.get("Birthday"), &rec, birthdayOf); bad != "" {
		reasons = append(reasons, bad)
	}
	if g := r.get("Groups"); g != "" {
		c.Tags = foreignTags(strings.FieldsFunc(g, func(r rune) bool { return r == ',' || r == ';' }))
	}
	if m := r.get("Memo"); m != "" {
		rec.Notes = append(rec.Notes, model.Note{Text: m})
	}
	first, err := importDay(r.get("First Visit"), r.dates.order)
	if err != nil {
		reasons = append(reasons, "First Visit: "+model.ErrorMessage(err))
	}
	last, err := importDay(r.get("Last Visit"), r.dates.order)
	if err != nil {
		reasons = append(reasons, "Last Visit: "+model.ErrorMessage(err))
	}
	var summary []string
	if n := r.get("Transaction Count"); n != "" {
		count, err := strconv.Atoi(strings.ReplaceAll(n, ",", ""))
		if err != nil || count < 0 {
			reasons = append(reasons, fmt.Sprintf("Transaction Count: %q is not a number", n))
		} else if count > 0 {
			summary = append(summary, model.Plural(count, "visit", "visits"))
		}
	}
	if s := r.get("Lifetime Spend"); s != "" {
		cents, err := model.ParseAmount(s)
		if err != nil {
			reasons = append(reasons, "Lifetime Spend: "+model.ErrorMessage(err))
		} else if cents > 0 {
			summary = append(summary, "lifetime spend "+model.FormatCents(cents))
		}
	}
	if !first.IsZero() {
		summary = append(summary, "first visit "+first.String())
		rec.Visits = append(rec.Visits, model.Visit{On: first, What: "first visit (from Square)"})
	}
	if !last.IsZero() {
		summary = append(summary, "last visit "+last.String())
		if last != first {
			rec.Visits = append(rec.Visits, model.Visit{On: last, What: "last visit (from Square)"})
		}
	}
	if len(summary) > 0 {
		rec.Notes = append(rec.Notes, model.Note{Text: "From Square: " + strings.Join(summary, ", ") + "."})
	}
	return rec, reasons
}
