package store

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"regulars/model"
)

// Limits bound what an import reads, so a wrong or hostile file fails with a
// message instead of filling memory.
type Limits struct {
	MaxBytes   int64 // the whole file
	MaxLine    int   // one line (for vCard: one unfolded property)
	MaxRecords int   // cards, rows or customers
}

// DefaultLimits fit a phone's whole address book with photos.
var DefaultLimits = Limits{MaxBytes: 64 << 20, MaxLine: 1 << 20, MaxRecords: 100_000}

func (l Limits) orDefault() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultLimits.MaxBytes
	}
	if l.MaxLine <= 0 {
		l.MaxLine = DefaultLimits.MaxLine
	}
	if l.MaxRecords <= 0 {
		l.MaxRecords = DefaultLimits.MaxRecords
	}
	return l
}

// Batch is what a parser read from a file: records ready to import and the
// records it could not read. A batch with errors is never imported.
type Batch struct {
	Format  string // for people: "vCard 3.0", "Google Contacts CSV", ...
	Records []Record
	Errors  []RecordError
}

// Read is the number of records the file held, good or bad.
func (b *Batch) Read() int { return len(b.Records) + len(b.Errors) }

// Record is one customer read from a file, with what the file knew about them.
type Record struct {
	Where     string // "card 3 (line 27)", "line 5", "customer 2 (line 40)"
	Customer  model.Customer
	Notes     []model.Note
	Visits    []model.Visit
	ThankYous []model.ThankYou
	Feedback  []model.Feedback
	Outreach  []model.Outreach

	// Only Regulars' own JSON carries these.
	archivedAt    time.Time
	noteAskedAt   map[int]time.Time // note index → when it was asked
	thankYouVisit map[int]int       // thank-you index → visit index
	weekItems     []jsonWeekItem    // what the owner did about the weekly queue
}

// RecordError is one record that cannot be imported, and why.
type RecordError struct {
	Where  string // "card 3 (line 27)", "line 5"
	Name   string // the customer's name when it was read, for people to find the record
	Reason string
}

func (e RecordError) String() string {
	if e.Name != "" {
		return fmt.Sprintf("%s (%s): %s", e.Where, e.Name, e.Reason)
	}
	return e.Where + ": " + e.Reason
}

// validate checks everything in the record and returns the reasons it is
// not importable.
func (r *Record) validate() []string {
	var reasons []string
	if err := r.Customer.Validate(); err != nil {
		reasons = append(reasons, model.ErrorMessage(err))
	}
	for i := range r.Notes {
		if err := r.Notes[i].Validate(); err != nil {
			reasons = append(reasons, model.ErrorMessage(err))
		}
	}
	for i := range r.Visits {
		if err := r.Visits[i].Validate(); err != nil {
			reasons = append(reasons, "visit: "+model.ErrorMessage(err))
		}
	}
	for i := range r.ThankYous {
		if err := r.ThankYous[i].Validate(); err != nil {
			reasons = append(reasons, "thank-you: "+model.ErrorMessage(err))
		}
	}
	for i := range r.Feedback {
		if err := r.Feedback[i].Validate(); err != nil {
			reasons = append(reasons, "feedback: "+model.ErrorMessage(err))
		}
	}
	for i := range r.Outreach {
		if err := r.Outreach[i].Validate(); err != nil {
			reasons = append(reasons, "outreach: "+model.ErrorMessage(err))
		}
	}
	return reasons
}

// add appends rec to the batch when it is valid, or its reasons as an error.
func (b *Batch) add(rec Record, reasons []string) {
	if len(reasons) == 0 {
		reasons = rec.validate()
	}
	if len(reasons) > 0 {
		b.Errors = append(b.Errors, RecordError{Where: rec.Where, Name: strings.TrimSpace(rec.Customer.Name), Reason: strings.Join(reasons, "; ")})
		return
	}
	b.Records = append(b.Records, rec)
}

// Format names an import format.
type Format string

// The formats import and export know.
const (
	FormatVCard Format = "vcf"
	FormatCSV   Format = "csv"
	FormatJSON  Format = "json"
	FormatICS   Format = "ics" // export only
)

// ParseFormat reads a --format value.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimPrefix(strings.TrimSpace(s), ".")) {
	case "vcf", "vcard", "vcards":
		return FormatVCard, nil
	case "csv":
		return FormatCSV, nil
	case "json":
		return FormatJSON, nil
	case "ics", "ical", "icalendar":
		return FormatICS, nil
	}
	return "", model.Errorf(model.EINVALID, "unknown format %q: use vcf, csv, json or ics", s)
}

// FormatOfName returns the format a file name's extension says, or "".
func FormatOfName(name string) Format {
	f, err := ParseFormat(filepath.Ext(name))
	if err != nil || filepath.Ext(name) == "" {
		return ""
	}
	return f
}

// SniffFormat guesses an import format from the first bytes of a file.
func SniffFormat(head []byte) Format {
	head = bytes.TrimPrefix(head, utf8BOM)
	head = bytes.TrimLeft(head, " \t\r\n")
	switch {
	case len(head) >= 11 && strings.EqualFold(string(head[:11]), "BEGIN:VCARD"):
		return FormatVCard
	case len(head) > 0 && head[0] == '{':
		return FormatJSON
	}
	return FormatCSV
}

var utf8BOM = []byte("\xef\xbb\xbf")

// Parse reads a file in the given format; "" sniffs it from the content.
func Parse(r io.Reader, format Format, lim Limits) (*Batch, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if format == "" {
		head, _ := br.Peek(512)
		format = SniffFormat(head)
	}
	switch format {
	case FormatVCard:
		return ParseVCard(br, lim)
	case FormatCSV:
		return ParseCSV(br, lim)
	case FormatJSON:
		return ParseJSON(br, lim)
	}
	return nil, model.Errorf(model.EINVALID, "cannot import %s files: import reads vcf, csv and json", format)
}

// ImportOptions says how to import.
type ImportOptions struct {
	DryRun bool // check and count, change nothing
}

// ImportResult says what an import did, or would do in a dry run.
type ImportResult struct {
	Format  string
	Read    int
	Added   []Added
	Skipped []Duplicate
	Errors  []RecordError
	DryRun  bool
	// Counts of the records added with the customers.
	Notes, Visits, ThankYous, Feedback, Outreach int
}

// Added is one customer an import added.
type Added struct {
	Where string
	ID    int64
	Name  string
}

// Duplicate is a record that was skipped because the customer is already
// in the notebook, or earlier in the same file.
type Duplicate struct {
	Where   string
	Name    string
	Matches string // "#12 Anna Schmidt" or "card 2 in this file"
	Why     string // "same phone", "same e-mail", "same name, neither has a phone or e-mail"
}

// errDryRun rolls back a dry run's transaction.
var errDryRun = errors.New("dry run")

// Import adds the batch's customers in one transaction: all of them or, when
// any record is bad, none. Customers already in the notebook (same name and
// same phone or e-mail) are reported and skipped, so importing a file twice
// adds nothing the second time. A dry run does the same work and rolls it back.
func (s *Store) Import(ctx context.Context, b *Batch, opts ImportOptions) (*ImportResult, error) {
	res := &ImportResult{Format: b.Format, Read: b.Read(), Errors: b.Errors, DryRun: opts.DryRun}
	if len(b.Errors) > 0 {
		return res, model.Errorf(model.EINVALID, "%d of %d records cannot be imported; nothing was imported", len(b.Errors), b.Read())
	}
	for i := range b.Records {
		if reasons := b.Records[i].validate(); len(reasons) > 0 {
			res.Errors = append(res.Errors, RecordError{Where: b.Records[i].Where, Name: b.Records[i].Customer.Name, Reason: strings.Join(reasons, "; ")})
		}
	}
	if len(res.Errors) > 0 {
		return res, model.Errorf(model.EINVALID, "%d of %d records cannot be imported; nothing was imported", len(res.Errors), b.Read())
	}
	now := s.Now()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return res, wrapError(err)
	}
	defer tx.Rollback()
	idx, err := loadContactIndex(ctx, tx)
	if err != nil {
		return res, wrapError(err)
	}
	for i := range b.Records {
		rec := &b.Records[i]
		if d, dup := idx.match(&rec.Customer); dup {
			d.Where, d.Name = rec.Where, rec.Customer.Name
			res.Skipped = append(res.Skipped, d)
			continue
		}
		if err := importRecord(ctx, tx, rec, now); err != nil {
			return res, wrapError(fmt.Errorf("%s: %w", rec.Where, err))
		}
		idx.add(&rec.Customer, rec.Where, false)
		res.Added = append(res.Added, Added{Where: rec.Where, ID: rec.Customer.ID, Name: rec.Customer.Name})
		res.Notes += len(rec.Notes)
		res.Visits += len(rec.Visits)
		res.ThankYous += len(rec.ThankYous)
		res.Feedback += len(rec.Feedback)
		res.Outreach += len(rec.Outreach)
	}
	if opts.DryRun {
		return res, nil // the deferred rollback undoes it all
	}
	return res, wrapError(tx.Commit())
}

// importRecord writes one record with the store's own helpers.
func importRecord(ctx context.Context, tx *sql.Tx, rec *Record, now time.Time) error {
	c := &rec.Customer
	if err := createCustomer(ctx, tx, c, now); err != nil {
		return err
	}
	if c.Archived {
		at := rec.archivedAt
		if at.IsZero() {
			at = now
		}
		if _, err := tx.ExecContext(ctx, `UPDATE customers SET archived_at = ? WHERE id = ?`, formatTime(at), c.ID); err != nil {
			return err
		}
	}
	for i := range rec.Notes {
		n := &rec.Notes[i]
		n.CustomerID = c.ID
		asked, hasAsked := rec.noteAskedAt[i]
		if hasAsked {
			n.Asked = false // the helper would stamp "now"; the file knows when
		}
		if err := insertNote(ctx, tx, n, now); err != nil {
			return err
		}
		if hasAsked {
			n.Asked = true
			if _, err := tx.ExecContext(ctx, `UPDATE notes SET asked_at = ? WHERE id = ?`, formatTime(asked), n.ID); err != nil {
				return err
			}
		}
	}
	for i := range rec.Visits {
		rec.Visits[i].CustomerID = c.ID
		if err := insertVisit(ctx, tx, &rec.Visits[i]); err != nil {
			return err
		}
	}
	for i := range rec.ThankYous {
		t := &rec.ThankYous[i]
		t.CustomerID = c.ID
		var visitID int64
		if vi, ok := rec.thankYouVisit[i]; ok && vi >= 0 && vi < len(rec.Visits) {
			visitID = rec.Visits[vi].ID
		}
		if err := insertThankYou(ctx, tx, t, visitID, now); err != nil {
			return err
		}
	}
	for i := range rec.Feedback {
		rec.Feedback[i].CustomerID = c.ID
		if err := insertFeedback(ctx, tx, &rec.Feedback[i], now); err != nil {
			return err
		}
	}
	for i := range rec.Outreach {
		rec.Outreach[i].CustomerID = c.ID
		if err := insertOutreach(ctx, tx, &rec.Outreach[i], now); err != nil {
			return err
		}
	}
	return importWeekItems(ctx, tx, rec)
}

// importWeekItems writes the week state of a JSON record, with the item ids
// and record links rebuilt from positions for this notebook's ids.
func importWeekItems(ctx context.Context, tx *sql.Tx, rec *Record) error {
	if len(rec.weekItems) == 0 {
		return nil
	}
	if ok, err := hasTable(ctx, tx, "week_items"); err != nil {
		return err
	} else if !ok {
		return model.Errorf(model.EINVALID, "the file holds week state, which this notebook cannot keep: upgrade Regulars")
	}
	ids := map[string]func(int) int64{
		"outreach":  func(i int) int64 { return rec.Outreach[i].ID },
		"thank_you": func(i int) int64 { return rec.ThankYous[i].ID },
		"note":      func(i int) int64 { return rec.Notes[i].ID },
		"feedback":  func(i int) int64 { return rec.Feedback[i].ID },
		"visit":     func(i int) int64 { return rec.Visits[i].ID },
	}
	ref := func(table string, pos int) any {
		if pos < 1 {
			return nil
		}
		return ids[table](pos - 1)
	}
	for _, w := range rec.weekItems {
		key := w.Key
		if table, n, ok := strings.Cut(key, ":"); ok {
			pos, _ := strconv.Atoi(n)
			key = strconv.FormatInt(ids[table](pos-1), 10)
			if table == "visit" {
				key = "v" + key
			}
		}
		id := w.Kind + ":" + strconv.FormatInt(rec.Customer.ID, 10)
		if key != "" {
			id += ":" + key
		}
		created, _ := strictTime(w.Created)
		if _, err := tx.ExecContext(ctx, `INSERT INTO week_items (id, state, week, day, kind, customer_id, reason, due,
			outreach_id, thank_you_id, made_thank_you, note_id, feedback_id, visit_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, w.State, w.Week, w.Day, w.Kind, rec.Customer.ID, w.Reason, w.Due,
			ref("outreach", w.Outreach), ref("thank_you", w.ThankYou), boolInt(w.MadeThankYou),
			ref("note", w.Note), ref("feedback", w.Feedback), ref("visit", w.Visit), formatTime(created)); err != nil {
			return err
		}
	}
	return nil
}

// contactIndex finds customers by name for the no-doubles rule.
type contactIndex map[string][]contactKey

type contactKey struct {
	label         string // "#12 Anna Schmidt" or "card 2 in this file"
	digits, email string
}

func loadContactIndex(ctx context.Context, tx *sql.Tx) (contactIndex, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, name, phone_digits, email FROM customers`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	idx := contactIndex{}
	for rows.Next() {
		var id int64
		var name, digits, email string
		if err := rows.Scan(&id, &name, &digits, &email); err != nil {
			return nil, err
		}
		k := nameKey(name)
		idx[k] = append(idx[k], contactKey{label: "#" + strconv.FormatInt(id, 10) + " " + name, digits: digits, email: emailKey(email)})
	}
	return idx, rows.Err()
}

func (idx contactIndex) add(c *model.Customer, where string, _ bool) {
	k := nameKey(c.Name)
	idx[k] = append(idx[k], contactKey{label: where + " in this file", digits: model.PhoneDigits(c.Phone), email: emailKey(c.Email)})
}

// match applies the no-doubles rule: the same name (ignoring case and
// spacing) and the same phone digits or e-mail; two people of the same name
// with neither phone nor e-mail are taken as the same too, so a file of
// names alone still imports only once.
func (idx contactIndex) match(c *model.Customer) (Duplicate, bool) {
	digits, email := model.PhoneDigits(c.Phone), emailKey(c.Email)
	for _, k := range idx[nameKey(c.Name)] {
		switch {
		case email != "" && email == k.email:
			return Duplicate{Matches: k.label, Why: "same name and e-mail"}, true
		case samePhone(digits, k.digits):
			return Duplicate{Matches: k.label, Why: "same name and phone"}, true
		case digits == "" && email == "" && k.digits == "" && k.email == "":
			return Duplicate{Matches: k.label, Why: "same name, and neither has a phone or e-mail"}, true
		}
	}
	return Duplicate{}, false
}

func nameKey(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

func emailKey(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// samePhone compares phone digits; a number written with a country code
// matches the same number without it ("+1 555 123 4567" and "555-123-4567").
func samePhone(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	if a == b {
		return true
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	return len(b) >= 7 && strings.HasSuffix(a, b) && len(a)-len(b) <= 3
}

// importDate reads a birthday or anniversary as exporters write it:
// YYYY-MM-DD, YYYYMMDD, --MMDD, --MM-DD, MM-DD, 0000-MM-DD (no year),
// MM-DD-YYYY, MM/DD/YYYY and YYYY-MM-DD with a time after it.
func importDate(s string) (model.MonthDay, error) {
	orig := s
	s = strings.TrimSpace(s)
	if s == "" {
		return model.MonthDay{}, nil
	}
	if i := strings.IndexAny(s, "Tt "); i >= 8 {
		s = s[:i] // a date-time: keep the date
	}
	s = strings.ReplaceAll(s, "/", "-")
	bad := model.Errorf(model.EINVALID, "%q is not a date (YYYY-MM-DD, or --MM-DD when the year is unknown)", orig)
	var year, month, day string
	switch parts := strings.Split(strings.TrimPrefix(s, "--"), "-"); {
	case strings.HasPrefix(s, "--") && len(parts) == 1 && len(s) == 6: // --MMDD
		month, day = s[2:4], s[4:6]
	case strings.HasPrefix(s, "--") && len(parts) == 2: // --MM-DD
		month, day = parts[0], parts[1]
	case strings.HasPrefix(s, "--"):
		return model.MonthDay{}, bad
	case len(parts) == 1 && len(s) == 8: // YYYYMMDD
		year, month, day = s[:4], s[4:6], s[6:]
	case len(parts) == 2: // MM-DD
		month, day = parts[0], parts[1]
	case len(parts) == 3 && len(parts[0]) == 4: // YYYY-MM-DD
		year, month, day = parts[0], parts[1], parts[2]
	case len(parts) == 3 && len(parts[2]) == 4: // MM-DD-YYYY, M/D/YYYY
		year, month, day = parts[2], parts[0], parts[1]
	default:
		return model.MonthDay{}, bad
	}
	for _, p := range []string{year, month, day} {
		if p != "" && !allDigits(p) {
			return model.MonthDay{}, bad
		}
	}
	if len(month) < 1 || len(month) > 2 || len(day) < 1 || len(day) > 2 {
		return model.MonthDay{}, bad
	}
	if year == "0000" {
		year = "" // some exporters write a year of zero for "unknown"
	}
	pad := func(p string) string { return strings.Repeat("0", 2-len(p)) + p }
	iso := "--" + pad(month) + "-" + pad(day)
	if year != "" {
		iso = year + iso[1:]
	}
	v, err := model.ParseMonthDay(iso)
	if err != nil {
		return model.MonthDay{}, model.Errorf(model.EINVALID, "%q: %s", orig, model.ErrorMessage(err))
	}
	return v, nil
}

// importDay reads a full calendar day (a visit's date).
func importDay(s string) (model.Date, error) {
	md, err := importDate(s)
	if err != nil {
		return model.Date{}, err
	}
	if md.IsZero() {
		return model.Date{}, nil
	}
	if md.Year == 0 {
		return model.Date{}, model.Errorf(model.EINVALID, "%q has no year", s)
	}
	return model.Date{Year: md.Year, Month: md.Month, Day: md.Day}, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// foreignTags cleans labels from another program into tags: a comma would
// split a tag in Regulars, so it becomes a space.
func foreignTags(labels []string) []string {
	var out []string
	for _, l := range labels {
		l = strings.Join(strings.Fields(strings.ReplaceAll(l, ",", " ")), " ")
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}
