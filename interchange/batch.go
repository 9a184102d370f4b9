package interchange

import (
	"fmt"
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
	// DateOrder reads dates written 05/01/1990 (CSV): DateAuto decides
	// from the whole column and refuses one that stays ambiguous; the
	// command line's --date-order dmy|mdy sets it.
	DateOrder DateOrder
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
	// Warnings are things read but not kept as they were: a phone written
	// as a word kept in a note, columns not read. They never stop an import.
	Warnings []Warning
	// Raw[i] is Records[i]'s text as it was in the file, when the parser
	// keeps it (empty otherwise): the store moves a record it refuses to
	// the rejects file with it. Header is what a rejects file starts with
	// (a CSV file's header line).
	Raw    []string
	Header string
}

// Warning is something an import did not keep as it was, and where.
type Warning struct {
	Where string // "card 3 (line 27)", "line 1"; empty for the whole file
	Name  string
	Text  string
}

func (w Warning) String() string {
	switch {
	case w.Where == "":
		return w.Text
	case w.Name != "":
		return fmt.Sprintf("%s (%s): %s", w.Where, w.Name, w.Text)
	}
	return w.Where + ": " + w.Text
}

// Read is the number of records the file held, good or bad.
func (b *Batch) Read() int { return len(b.Records) + len(b.Errors) }

// Record is one customer with what a file knows about them: what a parser
// read, or what an export writes.
type Record struct {
	Where string // "card 3 (line 27)", "line 5", "customer 2 (line 40)"; empty in an export
	// UID is the record's identity across files and notebooks: a vCard's
	// UID, the "uid" of Regulars' JSON; empty when the file has none.
	UID       string
	Customer  model.Customer
	Notes     []model.Note
	Visits    []model.Visit
	ThankYous []model.ThankYou
	Feedback  []model.Feedback
	Outreach  []model.Outreach

	// Only Regulars' own JSON carries these; the other formats leave them
	// empty when reading and ignore them when writing.
	ArchivedAt    time.Time         // when the customer was archived, if they are
	NoteAskedAt   map[int]time.Time // note index → when it was asked
	ThankYouVisit map[int]int       // thank-you index → index of the visit it thanks for
	Week          []WeekItem        // what the owner did about the weekly queue
}

// WeekItem is what the owner did about an item of the weekly queue. Its id
// in the notebook ("thank-you:42:17") names the customer and often one of
// their records by database id; a file names them by position instead, so
// an import can build the id anew: Key is the id's last part with a record
// id turned into "thank_you:2", "visit:1", "feedback:1" or "note:3".
type WeekItem struct {
	Kind         string
	Key          string
	State        string // "done" or "snoozed"
	Week         model.Date
	Day          model.Date
	Reason       string
	Due          model.Date
	Outreach     int // 1-based positions in this customer's lists; 0 for none
	ThankYou     int
	MadeThankYou bool
	Note         int
	Feedback     int
	Visit        int
	Created      time.Time
}

// RecordError is one record that cannot be imported, and why.
type RecordError struct {
	Where  string // "card 3 (line 27)", "line 5"
	Name   string // the customer's name when it was read, for people to find the record
	Reason string
	// Raw is the record's text as it was in the file (a card, a CSV line, a
	// JSON customer), so a rejects file can be fixed and imported alone.
	Raw string
}

func (e RecordError) String() string {
	if e.Name != "" {
		return fmt.Sprintf("%s (%s): %s", e.Where, e.Name, e.Reason)
	}
	return e.Where + ": " + e.Reason
}

// Problems checks everything in the record and returns the reasons it is
// not importable; none when it is.
func (r *Record) Problems() []string {
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
func (b *Batch) add(rec Record, reasons []string) { b.addRaw(rec, reasons, "") }

// addRaw is add with the record's text as it was in the file.
func (b *Batch) addRaw(rec Record, reasons []string, raw string) {
	if len(reasons) == 0 {
		reasons = rec.Problems()
	}
	if len(reasons) > 0 {
		b.Errors = append(b.Errors, RecordError{Where: rec.Where, Name: strings.TrimSpace(rec.Customer.Name), Reason: strings.Join(reasons, "; "), Raw: raw})
		return
	}
	b.Raw = append(b.Raw, raw)
	b.Records = append(b.Records, rec)
}

// humanBytes formats a limit for a message: "64 MiB".
func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
