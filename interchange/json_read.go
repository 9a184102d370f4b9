package interchange

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"regulars/model"
)

// ParseJSON reads a notebook written by JSONWriter.
func ParseJSON(r io.Reader, lim Limits) (*Batch, error) {
	lim = lim.orDefault()
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		return nil, model.Errorf(model.EINVALID, "cannot read the file: %v", err)
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, model.Errorf(model.EINVALID, "the file is larger than %s; split it into smaller files", humanBytes(lim.MaxBytes))
	}
	b := &Batch{Format: JSONFormatName, Header: JSONRejectsHeader}
	lim.MaxLine = int(min(lim.MaxBytes, 1<<40)) // the whole file is in memory already
	err = ScanJSON(bytes.NewReader(data), lim, func(c *ScannedCustomer) error {
		if c.Unreadable != "" {
			b.Errors = append(b.Errors, RecordError{Where: c.Record.Where, Name: c.Record.Customer.Name, Reason: c.Unreadable, Raw: c.Raw})
			return nil
		}
		b.addRaw(c.Record, c.Reasons, c.Raw)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

// ScannedCustomer is one customer ScanJSON read.
type ScannedCustomer struct {
	Record  Record   // Where is set
	Reasons []string // why the record cannot be imported, as the file says it
	// Unreadable, when set, says why the customer's fields could not be
	// read at all; Record then holds only Where and the name.
	Unreadable string
	Raw        string // the customer's text as in the file
}

// JSONFormatName is the format an import of Regulars JSON reports, and
// JSONRejectsHeader the start of its rejects file.
const JSONFormatName = "Regulars JSON"

var JSONRejectsHeader = fmt.Sprintf("{\"format\":%q,\"version\":%d,\"customers\":[\n", jsonFormat, jsonVersion)

// StreamedJSONLimits bound an import of Regulars JSON read as a stream
// (ScanJSON), one customer at a time: the notebook's own export of a
// million customers (about 2 to 3 GB) is read; one customer's text is at
// most MaxLine (16 MiB; a customer of twice that is refused for sure).
var StreamedJSONLimits = Limits{MaxBytes: 4 << 30, MaxLine: 16 << 20, MaxRecords: 1_000_000}

// jsonLines counts the lines of what the decoder has read, up to the
// offsets asked about, and refuses a customer longer than max: it keeps
// only the text read since the last offset asked about.
type jsonLines struct {
	r    io.Reader
	buf  []byte // read since base
	base int64
	line int // the line at base
	max  int
	big  bool
}

var errJSONRecordTooBig = errors.New("record too big")

func (l *jsonLines) Read(p []byte) (int, error) {
	// The decoder reads ahead into room it doubles: up to twice the
	// customer it is reading.
	if len(l.buf) > 2*l.max {
		l.big = true
		return 0, errJSONRecordTooBig
	}
	n, err := l.r.Read(p)
	l.buf = append(l.buf, p[:n]...)
	return n, err
}

// at is the line of the first character at or after off that is not a
// space or comma.
func (l *jsonLines) at(off int64) int {
	k := int(off - l.base)
	if k < 0 || k > len(l.buf) {
		return l.line
	}
	for k < len(l.buf) && strings.IndexByte(" \t\r\n,", l.buf[k]) >= 0 {
		k++
	}
	l.line += bytes.Count(l.buf[:k], []byte("\n"))
	l.buf = l.buf[k:]
	l.base += int64(k)
	return l.line
}

// ScanJSON reads a notebook written by JSONWriter one customer at a time,
// so a file of any size is read in the memory of one customer: fn gets
// each customer in turn. A file that is not a
// Regulars export, is not UTF-8, or breaks a limit is an error, whatever fn
// was given before.
func ScanJSON(r io.Reader, lim Limits, fn func(c *ScannedCustomer) error) error {
	lim = lim.orDefault()
	br := bufio.NewReaderSize(io.LimitReader(r, lim.MaxBytes+1), 64<<10)
	if head, _ := br.Peek(3); bytes.Equal(head, utf8BOM) {
		br.Discard(3)
	}
	lines := &jsonLines{r: br, line: 1, max: lim.MaxLine}
	dec := json.NewDecoder(lines)
	tooBig := func() error {
		if lines.big {
			return model.Errorf(model.EINVALID, "line %d: a customer is longer than %s; split the file or shorten the customer", lines.line, humanBytes(int64(lim.MaxLine)))
		}
		if lines.base+int64(len(lines.buf)) > lim.MaxBytes {
			return model.Errorf(model.EINVALID, "the file is larger than %s; split it into smaller files", humanBytes(lim.MaxBytes))
		}
		return nil
	}
	syntax := func(err error) error {
		if e := tooBig(); e != nil {
			return e
		}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return model.Errorf(model.EINVALID, "line %d: this is not valid JSON: %s", lines.at(se.Offset), strings.TrimPrefix(se.Error(), "json: "))
		}
		if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
			return model.Errorf(model.EINVALID, "the JSON ends too early: the file is cut short")
		}
		if errors.Is(err, errJSONRecordTooBig) {
			return model.Errorf(model.EINVALID, "line %d: a customer is longer than %s; split the file or shorten the customer", lines.line, humanBytes(int64(lim.MaxLine)))
		}
		return model.Errorf(model.EINVALID, "this is not a Regulars JSON export: %v", err)
	}
	notUTF8 := func(text []byte, line int) error {
		bad := 0
		for bad < len(text) {
			r, size := utf8.DecodeRune(text[bad:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			bad += size
		}
		return model.Errorf(model.EINVALID, "line %d is not UTF-8 text: a Regulars JSON export is UTF-8; was the file changed by another program?", line+bytes.Count(text[:bad], []byte("\n")))
	}
	if tok, err := dec.Token(); err != nil {
		return syntax(err)
	} else if d, ok := tok.(json.Delim); !ok || d != '{' {
		return model.Errorf(model.EINVALID, "this is not a Regulars JSON export: it should start with {")
	}
	format, version, sawCustomers := "", 0, false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return syntax(err)
		}
		key, _ := tok.(string)
		switch key {
		case "format":
			if err := dec.Decode(&format); err != nil {
				return syntax(err)
			}
		case "version":
			if err := dec.Decode(&version); err != nil {
				return syntax(err)
			}
		case "customers":
			sawCustomers = true
			if tok, err := dec.Token(); err != nil {
				return syntax(err)
			} else if d, ok := tok.(json.Delim); !ok || d != '[' {
				return model.Errorf(model.EINVALID, "\"customers\" should be a list [ … ]")
			}
			if format != "" && format != jsonFormat {
				return model.Errorf(model.EINVALID, "this is not a Regulars JSON export (it needs \"format\": %q and a list of \"customers\")", jsonFormat)
			}
			for n := 1; dec.More(); n++ {
				if n > lim.MaxRecords {
					return model.Errorf(model.EINVALID, "the file has more than %d customers; split it into smaller files", lim.MaxRecords)
				}
				line := lines.at(dec.InputOffset())
				where := fmt.Sprintf("customer %d (line %d)", n, line)
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					return syntax(err)
				}
				if !utf8.Valid(raw) {
					return notUTF8(raw, line)
				}
				var jc jsonCustomer
				one := json.NewDecoder(bytes.NewReader(raw))
				one.DisallowUnknownFields()
				if err := one.Decode(&jc); err != nil {
					c := &ScannedCustomer{Record: Record{Where: where, Customer: model.Customer{Name: jc.Name}}, Unreadable: jsonFieldMessage(err), Raw: string(raw)}
					if err := fn(c); err != nil {
						return err
					}
					continue
				}
				rec, reasons := jc.record()
				rec.Where = where
				if err := fn(&ScannedCustomer{Record: rec, Reasons: reasons, Raw: string(raw)}); err != nil {
					return err
				}
			}
			if _, err := dec.Token(); err != nil {
				return syntax(err)
			}
		default:
			return model.Errorf(model.EINVALID, "unknown section %q in the JSON: was it written by a newer Regulars?", key)
		}
	}
	if _, err := dec.Token(); err != nil { // the closing }
		return syntax(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		if e := tooBig(); e != nil {
			return e
		}
		return model.Errorf(model.EINVALID, "line %d: there is more after the end of the JSON export; was something added to the file?", lines.at(dec.InputOffset()))
	}
	if e := tooBig(); e != nil {
		return e
	}
	if rest := lines.buf; !utf8.Valid(rest) {
		return notUTF8(rest, lines.line)
	}
	if format != jsonFormat || !sawCustomers {
		return model.Errorf(model.EINVALID, "this is not a Regulars JSON export (it needs \"format\": %q and a list of \"customers\")", jsonFormat)
	}
	if version < 1 || version > jsonVersion {
		return model.Errorf(model.EINVALID, "this export is version %d; this Regulars reads version %d: please upgrade Regulars", version, jsonVersion)
	}
	return nil
}

func jsonFieldMessage(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("%q should be a %s, not a %s", te.Field, te.Type.String(), te.Value)
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// record turns one JSON customer into a record, collecting every problem.
func (jc *jsonCustomer) record() (Record, []string) {
	var rec Record
	var reasons []string
	bad := func(what string, err error) { reasons = append(reasons, what+": "+model.ErrorMessage(err)) }
	tm := func(what, s string) time.Time {
		if s == "" {
			return time.Time{}
		}
		t, err := strictTime(s)
		if err != nil {
			bad(what, err)
		}
		return t
	}
	day := func(what, s string) model.Date {
		if s == "" {
			return model.Date{}
		}
		d, err := strictDay(s)
		if err != nil {
			bad(what, err)
		}
		return d
	}
	rec.UID = strings.TrimSpace(jc.UID)
	c := &rec.Customer
	*c = model.Customer{Name: jc.Name, Nickname: jc.Nickname, Phone: jc.Phone, Email: jc.Email,
		Partner: jc.Partner, Children: jc.Children, Interests: jc.Interests, Usual: jc.Usual,
		Tags: append([]string(nil), jc.Tags...)}
	for _, l := range []struct {
		from []jsonContact
		to   *[]model.Contact
		what string
	}{{jc.Phones, &c.Phones, "phones"}, {jc.Emails, &c.Emails, "emails"}} {
		for _, k := range l.from {
			label, err := model.ParseContactLabel(k.Label)
			if err != nil {
				bad(l.what, err)
			}
			*l.to = append(*l.to, model.Contact{Label: label, Value: k.Value, Preferred: k.Preferred})
		}
	}
	if a := jc.Address; a != nil {
		c.Address = model.Address{Street: a.Street, Postcode: a.Postcode, Town: a.Town, Country: a.Country}
	}
	var err error
	if c.Birthday, err = model.ParseMonthDay(jc.Birthday); err != nil {
		bad("birthday", err)
	}
	if c.Anniversary, err = model.ParseMonthDay(jc.Anniversary); err != nil {
		bad("anniversary", err)
	}
	c.Created = tm("created", jc.Created)
	if jc.Archived != "" {
		c.Archived, rec.ArchivedAt = true, tm("archived", jc.Archived)
	}
	for i, n := range jc.Notes {
		note := model.Note{Text: n.Text, Created: tm("note created", n.Created), AskOn: day("note ask_on", n.AskOn), Private: n.Private}
		if n.Asked != "" {
			if rec.NoteAskedAt == nil {
				rec.NoteAskedAt = map[int]time.Time{}
			}
			note.Asked, rec.NoteAskedAt[i] = true, tm("note asked", n.Asked)
		}
		rec.Notes = append(rec.Notes, note)
	}
	for _, v := range jc.Visits {
		rec.Visits = append(rec.Visits, model.Visit{On: day("visit on", v.On), Cents: v.Cents, What: v.What})
	}
	for i, t := range jc.ThankYous {
		ty := model.ThankYou{Reason: t.Reason, Due: day("thank-you due", t.Due), Created: tm("thank-you created", t.Created)}
		if t.Sent != "" {
			ty.Sent, ty.SentAt = true, tm("thank-you sent", t.Sent)
		}
		if t.Visit != 0 {
			if t.Visit < 1 || t.Visit > len(jc.Visits) {
				reasons = append(reasons, fmt.Sprintf("thank-you: visit %d is not one of this customer's %d visits", t.Visit, len(jc.Visits)))
			} else {
				if rec.ThankYouVisit == nil {
					rec.ThankYouVisit = map[int]int{}
				}
				rec.ThankYouVisit[i] = t.Visit - 1
			}
		}
		rec.ThankYous = append(rec.ThankYous, ty)
	}
	for _, f := range jc.Feedback {
		fb := model.Feedback{On: day("feedback on", f.On), Rating: f.Rating, Comment: f.Comment}
		if f.Replied != "" {
			fb.Replied, fb.RepliedAt = true, tm("feedback replied", f.Replied)
		}
		rec.Feedback = append(rec.Feedback, fb)
	}
	for i, w := range jc.Week {
		what := fmt.Sprintf("week item %d", i+1)
		if w.State != "done" && w.State != "snoozed" {
			reasons = append(reasons, fmt.Sprintf("%s: state %q is not done or snoozed", what, w.State))
		}
		if w.Kind == "" || strings.ContainsAny(w.Kind, ": ") {
			reasons = append(reasons, fmt.Sprintf("%s: kind %q is not a kind of week item", what, w.Kind))
		}
		item := WeekItem{Kind: w.Kind, Key: w.Key, State: w.State, Week: day(what+" week", w.Week),
			Day: day(what+" day", w.Day), Reason: w.Reason, Due: day(what+" due", w.Due),
			Outreach: w.Outreach, ThankYou: w.ThankYou, MadeThankYou: w.MadeThankYou, Note: w.Note,
			Feedback: w.Feedback, Visit: w.Visit, Created: tm(what+" created", w.Created)}
		for _, ref := range []struct {
			name   string
			n, max int
		}{{"outreach", w.Outreach, len(jc.Outreach)}, {"thank_you", w.ThankYou, len(jc.ThankYous)},
			{"note", w.Note, len(jc.Notes)}, {"feedback", w.Feedback, len(jc.Feedback)}, {"visit", w.Visit, len(jc.Visits)}} {
			if ref.n < 0 || ref.n > ref.max {
				reasons = append(reasons, fmt.Sprintf("%s: %s %d is not one of this customer's %d", what, ref.name, ref.n, ref.max))
			}
		}
		if table, n, ok := strings.Cut(w.Key, ":"); ok {
			max := map[string]int{"thank_you": len(jc.ThankYous), "visit": len(jc.Visits), "feedback": len(jc.Feedback), "note": len(jc.Notes)}[table]
			if i, err := strconv.Atoi(n); err != nil || i < 1 || i > max {
				reasons = append(reasons, fmt.Sprintf("%s: key %q names no record of this customer", what, w.Key))
			}
		}
		rec.Week = append(rec.Week, item)
	}
	for _, o := range jc.Outreach {
		ch, err := model.ParseChannel(o.Channel)
		if err != nil {
			bad("outreach", err)
		}
		rec.Outreach = append(rec.Outreach, model.Outreach{On: day("outreach on", o.On), Channel: ch, About: o.About, Note: o.Note, Created: tm("outreach created", o.Created)})
	}
	return rec, reasons
}
