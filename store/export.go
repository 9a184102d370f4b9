package store

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"regulars/interchange"
	"regulars/model"
)

// Export writes the notebook in the given format: the store reads every
// customer with their records from one snapshot, and the format's writer
// writes them.
func (s *Store) Export(ctx context.Context, format interchange.Format, w io.Writer) error {
	return s.ExportProgress(ctx, format, w, nil)
}

// ExportProgress is Export that calls progress, when not nil, after each
// customer is written, with how many of how many are done: a big export
// on a terminal shows how far it is.
func (s *Store) ExportProgress(ctx context.Context, format interchange.Format, w io.Writer, progress func(done, total int)) error {
	bw := bufio.NewWriter(w)
	iw, err := interchange.NewWriter(bw, format, s.Now())
	if err != nil {
		return err
	}
	if err := s.eachRecordProgress(ctx, needsOf(format), progress, iw.Write); err != nil {
		return err
	}
	if err := iw.Close(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return model.Errorf(model.EINVALID, "writing the export: %v", err)
	}
	return nil
}

// ExportVCardDir writes one card a file into dir, as SyncVCardDir does,
// and returns the number of cards the folder holds for the notebook.
func (s *Store) ExportVCardDir(ctx context.Context, dir string) (int, error) {
	res, err := s.SyncVCardDir(ctx, dir)
	return res.Written + res.Updated + res.Unchanged, err
}

// VCardDirResult says what an export into a folder of cards did.
type VCardDirResult struct {
	Written   int // new files
	Updated   int // files rewritten because the customer changed
	Unchanged int // files already as they would be written
	Removed   int // cards this program wrote of customers now archived or gone
	Foreign   int // customers not written: a file of that name that this program did not write is there
}

// SyncVCardDir keeps a folder of cards ("vdir": khard, vdirsyncer and
// other address books read it) in step with the notebook: a card a file,
// named by the customer's UID, for every customer who is not archived; a
// file is rewritten only when its card changed; a card this program wrote
// (PRODID Regulars) for a customer now archived or gone is removed. Files
// it did not write are never touched.
func (s *Store) SyncVCardDir(ctx context.Context, dir string) (VCardDirResult, error) {
	var res VCardDirResult
	keep := map[string]bool{}
	err := s.eachRecordProgress(ctx, needsOf(interchange.FormatVCard), nil, func(rec *interchange.Record) error {
		if rec.Customer.Archived {
			return nil
		}
		var buf bytes.Buffer
		if err := interchange.NewVCardWriter(&buf).Write(rec); err != nil {
			return err
		}
		name := vcardFileName(interchange.RecordUID(rec))
		keep[name] = true
		path := filepath.Join(dir, name)
		old, err := os.ReadFile(path)
		switch {
		case err == nil && bytes.Equal(old, buf.Bytes()):
			res.Unchanged++
			return nil
		case err == nil && !writtenHere(old):
			res.Foreign++
			return nil
		case err == nil:
			res.Updated++
		default:
			res.Written++
		}
		return WritePrivateFile(path, func(w io.Writer) error {
			_, err := w.Write(buf.Bytes())
			return err
		})
	})
	if err != nil {
		return res, err
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return res, model.Errorf(model.EINVALID, "cannot read the folder %s: %v", dir, err)
	}
	for _, e := range ents {
		if keep[e.Name()] || !e.Type().IsRegular() || !strings.EqualFold(filepath.Ext(e.Name()), ".vcf") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		if data, err := readHead(path, 64<<10); err != nil || !writtenHere(data) {
			continue
		}
		if err := os.Remove(path); err != nil {
			return res, model.Errorf(model.EINVALID, "cannot remove %s: %v", path, err)
		}
		res.Removed++
	}
	return res, nil
}

// writtenHere reports whether a card file is one this program wrote.
func writtenHere(card []byte) bool {
	return bytes.Contains(card, []byte("\nPRODID:"+interchange.ProductID+"\r\n"))
}

// readHead reads the start of a file.
func readHead(path string, n int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, n))
}

// vcardFileName names a customer's card file by their UID: the UUID alone
// when it is one ("urn:uuid:" dropped, as exports before uids named them),
// the UID when it is a safe file name, else a hash of it.
func vcardFileName(uid string) string {
	name := strings.TrimPrefix(uid, "urn:uuid:")
	safe := name != "" && len(name) <= 100 && name[0] != '.'
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' || r == '@') {
			safe = false
		}
	}
	if !safe {
		sum := sha256.Sum256([]byte(uid))
		name = hex.EncodeToString(sum[:16])
	}
	return name + ".vcf"
}

// weekKeyRecords says which record a week item's key names, by kind.
var weekKeyRecords = map[string]string{"thank-you": "thank_you", "unhappy": "feedback", "follow-up": "note"}

// eachRecord calls fn for every customer, by id, with everything recorded
// about them, read from one snapshot. Records name each other by position
// in their customer's lists, as the files do, not by database id.
func (s *Store) eachRecord(ctx context.Context, fn func(*interchange.Record) error) error {
	return s.eachRecordProgress(ctx, exportAll, nil, fn)
}

// exportNeeds says which of a customer's records a writer reads: the
// customer (with their phones, e-mails and UID) always.
type exportNeeds struct{ notes, all bool }

var exportAll = exportNeeds{notes: true, all: true}

// needsOf is what each format writes: CSV and the calendar only the
// customers, vCards their notes too, JSON everything.
func needsOf(f interchange.Format) exportNeeds {
	switch f {
	case interchange.FormatCSV, interchange.FormatICS:
		return exportNeeds{}
	case interchange.FormatVCard:
		return exportNeeds{notes: true}
	}
	return exportAll
}

// exportChunk is how many customers are read at a time: the export streams
// in chunks of customers by id, each with its records, so memory stays flat
// whatever the notebook's size.
var exportChunk = 1000 // a variable only so that a test can make chunks small

// exportHook runs, in tests, once the readers have been set up.
var exportHook func(readers int)

// eachRecordProgress reads the chunks on two read transactions that see
// the same notebook (besideTx), taking turns by chunk, in goroutines of
// their own, while fn writes the chunks in order: reading is most of an
// export's CPU, and on two cores the readers and the writer share them.
// When no second transaction can be had, one reader reads every chunk.
// Each reader holds at most two chunks ahead of the writer.
func (s *Store) eachRecordProgress(ctx context.Context, needs exportNeeds, progress func(done, total int), fn func(*interchange.Record) error) error {
	return s.readTx(ctx, func(tx *sql.Tx) error {
		txs := []*sql.Tx{tx}
		if beside, done := s.besideTx(ctx, tx); beside != nil {
			defer done()
			txs = append(txs, beside)
		}
		if exportHook != nil {
			exportHook(len(txs))
		}
		// A scan reads each page once: a small page cache on each reader
		// (the pool's connections keep 32 MB ones) keeps the export's
		// memory down and is faster to fill (at 100,000 customers: JSON
		// 3.45 → 2.59 s, 177 → 65 MB resident). Each connection's own
		// size is put back at the end.
		for _, t := range txs {
			var size int
			if err := t.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&size); err != nil {
				return err
			}
			if _, err := t.ExecContext(ctx, `PRAGMA cache_size = -4000`); err != nil {
				return err
			}
			defer t.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf(`PRAGMA cache_size = %d`, size))
		}
		// Each chunk reads from its first customer on: ids after the one
		// just below it.
		var starts []int64
		total := 0
		if err := eachRow(ctx, tx, `SELECT id FROM customers ORDER BY id`, func(r *sql.Rows) error {
			var id int64
			if err := r.Scan(&id); err != nil {
				return err
			}
			if total%exportChunk == 0 {
				starts = append(starts, id-1)
			}
			total++
			return nil
		}); err != nil {
			return err
		}
		chunks := make([]chan []interchange.Record, len(txs))
		read := make(chan error, len(txs))
		stop := make(chan struct{})
		for r, rtx := range txs {
			chunks[r] = make(chan []interchange.Record, 1)
			go func() {
				defer close(chunks[r])
				for k := r; k < len(starts); k += len(txs) {
					recs, err := exportChunkAfter(ctx, rtx, starts[k], needs)
					if err != nil {
						read <- err
						return
					}
					select {
					case chunks[r] <- recs:
					case <-stop:
						read <- nil
						return
					}
				}
				read <- nil
			}()
		}
		done := 0
		var err error
		for k := range starts {
			recs, ok := <-chunks[k%len(txs)]
			if !ok {
				break // its reader failed
			}
			for i := range recs {
				if err = fn(&recs[i]); err != nil {
					break
				}
				done++
				if progress != nil {
					progress(done, max(total, done))
				}
			}
			if err != nil {
				break
			}
		}
		close(stop)
		for _, ch := range chunks {
			for range ch {
			}
		}
		for range txs {
			if rerr := <-read; err == nil {
				err = rerr
			}
		}
		return err
	})
}

// exportChunkAfter reads the next exportChunk customers after id after,
// with what needs asks of their records.
func exportChunkAfter(ctx context.Context, tx *sql.Tx, after int64, needs exportNeeds) ([]interchange.Record, error) {
	recs := make([]interchange.Record, 0, exportChunk)
	if err := eachRow(ctx, tx, `SELECT `+customerCols+`, uid FROM customers WHERE id > ? ORDER BY id LIMIT ?`, func(r *sql.Rows) error {
		var uid sql.NullString
		c, err := scanCustomer(scanWith{r, &uid})
		if err != nil {
			return err
		}
		recs = append(recs, interchange.Record{Customer: *c, UID: uid.String})
		return nil
	}, after, exportChunk); err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, nil
	}
	return recs, exportChunkRecords(ctx, tx, recs, needs)
}

// scanWith scans a customer's columns and then more.
type scanWith struct {
	r    scanner
	more any
}

func (s scanWith) Scan(dest ...any) error { return s.r.Scan(append(dest, s.more)...) }

// The records of a chunk's customers are read one row per customer and
// table: SQLite joins each customer's records into one string, each field
// length-prefixed ("5:hello") or, for numbers, ended by a comma; a NULL is
// "-". At 100,000 customers with a million visits this reads a tenth of
// the rows the driver would step through one record a row, which was most
// of an export's time. Each customer's records are then sorted by id.
func packText(col string) string { return `octet_length(` + col + `)||':'||` + col }

func packNullText(col string) string { return `ifnull(` + packText(col) + `,'-')` }

func packInt(col string) string { return `ifnull(` + col + `,'')||','` }

// packedQuery is the query of a table's records by customer.
func packedQuery(table string, fields ...string) string {
	return `SELECT customer_id, count(*), group_concat(` + strings.Join(fields, "||") + `, '') FROM ` + table +
		` WHERE customer_id BETWEEN ? AND ? GROUP BY customer_id`
}

// packed reads the fields of packedQuery's strings in turn; n is how many
// records the string holds, for the slices that take them.
type packed struct {
	s   string
	n   int
	bad bool
}

// grow gives list room for p's records before the first is appended.
func grow[T any](list []T, p *packed) []T {
	if list == nil {
		return make([]T, 0, p.n)
	}
	return list
}

func (p *packed) more() bool { return p.s != "" && !p.bad }

func (p *packed) text() string {
	colon := strings.IndexByte(p.s, ':')
	if colon < 0 {
		p.bad = true
		return ""
	}
	n, err := strconv.Atoi(p.s[:colon])
	if err != nil || n < 0 || n > len(p.s)-colon-1 {
		p.bad = true
		return ""
	}
	v := p.s[colon+1 : colon+1+n]
	p.s = p.s[colon+1+n:]
	return v
}

func (p *packed) nullText() (string, bool) {
	if strings.HasPrefix(p.s, "-") {
		p.s = p.s[1:]
		return "", false
	}
	return p.text(), true
}

func (p *packed) int() int64 {
	comma := strings.IndexByte(p.s, ',')
	if comma < 0 {
		p.bad = true
		return 0
	}
	v := p.s[:comma]
	p.s = p.s[comma+1:]
	if v == "" {
		return 0 // NULL
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		p.bad = true
	}
	return n
}

// eachPacked runs fn for every record of a packedQuery, with its
// customer's export record.
func eachPacked(ctx context.Context, tx *sql.Tx, query string, byID map[int64]*interchange.Record, lo, hi int64, fn func(rec *interchange.Record, p *packed)) error {
	return eachRow(ctx, tx, query, func(r *sql.Rows) error {
		var id int64
		var p packed
		if err := r.Scan(&id, &p.n, &p.s); err != nil {
			return err
		}
		rec := byID[id]
		if rec == nil {
			return nil
		}
		for p.more() {
			fn(rec, &p)
		}
		if p.bad {
			return model.Errorf(model.EINTERNAL, "reading customer %d's records for the export: unreadable row", id)
		}
		return nil
	}, lo, hi)
}

// sortByID puts a customer's records in the order they were made. They
// mostly come in that order already; the check and the sort take the
// records where they lie (a comparison of copies would put two on the heap
// each time: a third of an export's allocations).
func sortByID[T any](list []T, id func(*T) int64) {
	sorted := true
	for i := 1; i < len(list) && sorted; i++ {
		sorted = id(&list[i-1]) <= id(&list[i])
	}
	if sorted {
		return
	}
	order := make([]int, len(list))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(id(&list[a]), id(&list[b])) })
	sorted2 := make([]T, len(list))
	for i, j := range order {
		sorted2[i] = list[j]
	}
	copy(list, sorted2)
}

// position is the 1-based position of the record with the given id in a
// list sorted by id; 0 when it is not there.
func position[T any](list []T, id func(*T) int64, want int64) int {
	i, ok := slices.BinarySearchFunc(list, want, func(t T, want int64) int { return cmp.Compare(id(&t), want) })
	if !ok {
		return 0
	}
	return i + 1
}

func noteID(n *model.Note) int64         { return n.ID }
func visitID(v *model.Visit) int64       { return v.ID }
func thankYouID(t *model.ThankYou) int64 { return t.ID }
func feedbackID(f *model.Feedback) int64 { return f.ID }
func outreachID(o *model.Outreach) int64 { return o.ID }

func exportChunkRecords(ctx context.Context, tx *sql.Tx, recs []interchange.Record, needs exportNeeds) error {
	byID := make(map[int64]*interchange.Record, len(recs))
	for i := range recs {
		byID[recs[i].Customer.ID] = &recs[i]
	}
	lo, hi := recs[0].Customer.ID, recs[len(recs)-1].Customer.ID
	// Every phone and e-mail, in the order the card shows them.
	if err := eachRow(ctx, tx, `SELECT customer_id, kind, label, value, preferred FROM contacts WHERE customer_id BETWEEN ? AND ? ORDER BY customer_id, kind, position, id`, func(r *sql.Rows) error {
		var id int64
		var kind, label string
		var k model.Contact
		if err := r.Scan(&id, &kind, &label, &k.Value, &k.Preferred); err != nil {
			return err
		}
		rec := byID[id]
		if rec == nil {
			return nil
		}
		k.Label = model.ContactLabel(label)
		if kind == "phone" {
			rec.Customer.Phones = append(rec.Customer.Phones, k)
		} else {
			rec.Customer.Emails = append(rec.Customer.Emails, k)
		}
		return nil
	}, lo, hi); err != nil {
		return err
	}
	for i := range recs {
		if recs[i].UID == "" {
			// A customer from before notebooks kept uids: the one
			// exports have always given them.
			recs[i].UID = interchange.RecordUID(&recs[i])
		}
	}
	if err := eachRow(ctx, tx, `SELECT id, archived_at FROM customers WHERE archived_at IS NOT NULL AND id BETWEEN ? AND ?`, func(r *sql.Rows) error {
		var id int64
		var at string
		if err := r.Scan(&id, &at); err != nil {
			return err
		}
		if rec := byID[id]; rec != nil {
			rec.ArchivedAt = exportTime(at)
		}
		return nil
	}, lo, hi); err != nil {
		return err
	}
	if !needs.notes {
		return nil
	}
	askedAt := map[int64]time.Time{} // note id → when it was asked
	if err := eachPacked(ctx, tx, packedQuery("notes", packInt("id"), packText("created_at"), packText("coalesce(ask_on, '')"),
		packNullText("asked_at"), packInt("private"), packText("text")), byID, lo, hi, func(rec *interchange.Record, p *packed) {
		n := model.Note{ID: p.int(), CustomerID: rec.Customer.ID}
		n.Created, n.AskOn = exportTime(p.text()), exportDay(p.text())
		asked, ok := p.nullText()
		n.Private, n.Text = p.int() != 0, p.text()
		if ok {
			n.Asked = true
			askedAt[n.ID] = exportTime(asked)
		}
		rec.Notes = append(grow(rec.Notes, p), n)
	}); err != nil {
		return err
	}
	for i := range recs {
		rec := &recs[i]
		sortByID(rec.Notes, noteID)
		for j, n := range rec.Notes {
			if n.Asked {
				if rec.NoteAskedAt == nil {
					rec.NoteAskedAt = map[int]time.Time{}
				}
				rec.NoteAskedAt[j] = askedAt[n.ID]
			}
		}
	}
	if !needs.all {
		return nil
	}
	if err := eachPacked(ctx, tx, packedQuery("visits", packInt("id"), packText("day"), packInt("cents"), packText("what")),
		byID, lo, hi, func(rec *interchange.Record, p *packed) {
			v := model.Visit{ID: p.int(), CustomerID: rec.Customer.ID}
			v.On, v.Cents, v.What = exportDay(p.text()), p.int(), p.text()
			rec.Visits = append(grow(rec.Visits, p), v)
		}); err != nil {
		return err
	}
	thanksVisit := map[int64]int64{} // thank-you id → visit id
	if err := eachPacked(ctx, tx, packedQuery("thank_yous", packInt("id"), packText("due"), packText("created_at"),
		packNullText("sent_at"), packInt("visit_id"), packText("reason")), byID, lo, hi, func(rec *interchange.Record, p *packed) {
		t := model.ThankYou{ID: p.int(), CustomerID: rec.Customer.ID}
		t.Due, t.Created = exportDay(p.text()), exportTime(p.text())
		sent, ok := p.nullText()
		t.Sent, t.SentAt = ok, exportNullTime(sent, ok)
		if v := p.int(); v != 0 {
			thanksVisit[t.ID] = v
		}
		t.Reason = p.text()
		rec.ThankYous = append(grow(rec.ThankYous, p), t)
	}); err != nil {
		return err
	}
	if err := eachPacked(ctx, tx, packedQuery("feedback", packInt("id"), packText("day"), packInt("rating"),
		packNullText("replied_at"), packText("comment")), byID, lo, hi, func(rec *interchange.Record, p *packed) {
		f := model.Feedback{ID: p.int(), CustomerID: rec.Customer.ID}
		f.On, f.Rating = exportDay(p.text()), int(p.int())
		replied, ok := p.nullText()
		f.Replied, f.RepliedAt, f.Comment = ok, exportNullTime(replied, ok), p.text()
		rec.Feedback = append(grow(rec.Feedback, p), f)
	}); err != nil {
		return err
	}
	if err := eachPacked(ctx, tx, packedQuery("outreach", packInt("id"), packText("day"), packText("channel"),
		packText("created_at"), packText("about"), packText("note")), byID, lo, hi, func(rec *interchange.Record, p *packed) {
		o := model.Outreach{ID: p.int(), CustomerID: rec.Customer.ID}
		o.On, o.Channel, o.Created = exportDay(p.text()), model.Channel(p.text()), exportTime(p.text())
		o.About, o.Note = p.text(), p.text()
		rec.Outreach = append(grow(rec.Outreach, p), o)
	}); err != nil {
		return err
	}
	for i := range recs {
		rec := &recs[i]
		sortByID(rec.Visits, visitID)
		sortByID(rec.ThankYous, thankYouID)
		sortByID(rec.Feedback, feedbackID)
		sortByID(rec.Outreach, outreachID)
		for j := range rec.ThankYous {
			if p := position(rec.Visits, visitID, thanksVisit[rec.ThankYous[j].ID]); p > 0 {
				if rec.ThankYouVisit == nil {
					rec.ThankYouVisit = map[int]int{}
				}
				rec.ThankYouVisit[j] = p - 1
			}
		}
	}
	return eachRow(ctx, tx, `SELECT id, customer_id, state, week, day, kind, reason, due, coalesce(outreach_id, 0),
			coalesce(thank_you_id, 0), made_thank_you, coalesce(note_id, 0), coalesce(feedback_id, 0),
			coalesce(visit_id, 0), created_at FROM week_items WHERE customer_id BETWEEN ? AND ? ORDER BY customer_id, rowid`, func(r *sql.Rows) error {
		var itemID, week, day, due, created string
		var cid, outreach, thankYou, note, feedback, visit int64
		var w interchange.WeekItem
		if err := r.Scan(&itemID, &cid, &w.State, &week, &day, &w.Kind, &w.Reason, &due, &outreach,
			&thankYou, &w.MadeThankYou, &note, &feedback, &visit, &created); err != nil {
			return err
		}
		rec := byID[cid]
		if rec == nil {
			return nil
		}
		w.Week, w.Day, w.Due, w.Created = exportDay(week), exportDay(day), exportDay(due), exportTime(created)
		// Records are named by their position in this customer's lists.
		pos := func(table string, id int64) int {
			switch table {
			case "outreach":
				return position(rec.Outreach, outreachID, id)
			case "thank_you":
				return position(rec.ThankYous, thankYouID, id)
			case "note":
				return position(rec.Notes, noteID, id)
			case "feedback":
				return position(rec.Feedback, feedbackID, id)
			case "visit":
				return position(rec.Visits, visitID, id)
			}
			return 0
		}
		w.Outreach, w.ThankYou, w.Note = pos("outreach", outreach), pos("thank_you", thankYou), pos("note", note)
		w.Feedback, w.Visit = pos("feedback", feedback), pos("visit", visit)
		// "kind:customer:key": the key may name a record by its id.
		parts := strings.SplitN(itemID, ":", 3)
		if len(parts) == 3 {
			w.Key = parts[2]
			table := weekKeyRecords[w.Kind]
			if strings.HasPrefix(w.Key, "v") && w.Kind == "thank-you" {
				table, w.Key = "visit", w.Key[1:]
			}
			if n, err := strconv.ParseInt(w.Key, 10, 64); err == nil && table != "" && pos(table, n) > 0 {
				w.Key = table + ":" + strconv.Itoa(pos(table, n))
			}
		}
		rec.Week = append(rec.Week, w)
		return nil
	}, lo, hi)
}

// eachRow runs fn for every row of a query.
func eachRow(ctx context.Context, tx *sql.Tx, query string, fn func(*sql.Rows) error, args ...any) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// WritePrivateFile writes a file with personal data: created 0600 in the
// target's folder under a temporary name and renamed into place once
// complete, so a failed export never leaves half a file, and an existing
// file of the same name is replaced only by a whole one.
func WritePrivateFile(path string, write func(w io.Writer) error) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return model.Errorf(model.EINVALID, "cannot write to %s: %v", dir, err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // after a successful rename, there is nothing to remove
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return model.Errorf(model.EINVALID, "cannot write %s: %v", path, err)
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return model.Errorf(model.EINVALID, "cannot write %s: %v", path, err)
	}
	if err := f.Close(); err != nil {
		return model.Errorf(model.EINVALID, "cannot write %s: %v", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return model.Errorf(model.EINVALID, "cannot write %s: %v", path, err)
	}
	return nil
}

// exportDay is parseDay for the days the notebook stores (YYYY-MM-DD)
// without time.Parse: a million visits' days are a good part of reading
// the notebook. Anything else goes to parseDay.
func exportDay(s string) model.Date {
	if s == "" {
		return model.Date{} // a note with nothing to ask
	}
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return parseDay(s)
	}
	y, ok1 := digits(s[:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return parseDay(s)
	}
	return model.Date{Year: y, Month: time.Month(m), Day: d}
}

// exportTime is parseTime for the times the notebook stores
// (2006-01-02T15:04:05.000Z) without time.Parse; anything else goes to
// parseTime.
func exportTime(s string) time.Time {
	if len(s) != len(timeLayout) || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[23] != 'Z' {
		return parseTime(s)
	}
	y, ok1 := digits(s[:4])
	mo, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	h, ok4 := digits(s[11:13])
	mi, ok5 := digits(s[14:16])
	sec, ok6 := digits(s[17:19])
	ms, ok7 := digits(s[20:23])
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || !ok6 || !ok7 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || sec > 59 {
		return parseTime(s)
	}
	return time.Date(y, time.Month(mo), d, h, mi, sec, ms*1e6, time.UTC)
}

// digits reads a run of ASCII digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// daysIn is the number of days in month m of year y.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// exportNullTime is nullTime for a packed field.
func exportNullTime(s string, ok bool) time.Time {
	if !ok {
		return time.Time{}
	}
	return exportTime(s)
}
