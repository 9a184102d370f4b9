package store

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
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
const exportChunk = 1000

func (s *Store) eachRecordProgress(ctx context.Context, needs exportNeeds, progress func(done, total int), fn func(*interchange.Record) error) error {
	return s.readTx(ctx, func(tx *sql.Tx) error {
		var total int
		if progress != nil {
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM customers`).Scan(&total); err != nil {
				return err
			}
		}
		done := 0
		after := int64(0)
		for {
			recs, err := exportChunkAfter(ctx, tx, after, needs)
			if err != nil {
				return err
			}
			if len(recs) == 0 {
				return nil
			}
			for i := range recs {
				if err := fn(&recs[i]); err != nil {
					return err
				}
				done++
				if progress != nil {
					progress(done, max(total, done))
				}
			}
			after = recs[len(recs)-1].Customer.ID
		}
	})
}

// exportChunkAfter reads the next exportChunk customers after id after,
// with what needs asks of their records.
func exportChunkAfter(ctx context.Context, tx *sql.Tx, after int64, needs exportNeeds) ([]interchange.Record, error) {
	var recs []interchange.Record
	byID := map[int64]*interchange.Record{}
	if err := eachRow(ctx, tx, `SELECT `+customerCols+` FROM customers WHERE id > ? ORDER BY id LIMIT ?`, func(r *sql.Rows) error {
		c, err := scanCustomer(r)
		if err != nil {
			return err
		}
		recs = append(recs, interchange.Record{Customer: *c})
		return nil
	}, after, exportChunk); err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, nil
	}
	for i := range recs {
		byID[recs[i].Customer.ID] = &recs[i]
	}
	lo, hi := recs[0].Customer.ID, recs[len(recs)-1].Customer.ID
	in := ` WHERE customer_id BETWEEN ? AND ? `
	return recs, exportChunkRecords(ctx, tx, recs, byID, lo, hi, in, needs)
}

func exportChunkRecords(ctx context.Context, tx *sql.Tx, recs []interchange.Record, byID map[int64]*interchange.Record, lo, hi int64, in string, needs exportNeeds) error {
	if err := eachRow(ctx, tx, `SELECT id, uid FROM customers WHERE uid IS NOT NULL AND id BETWEEN ? AND ?`, func(r *sql.Rows) error {
		var id int64
		var uid string
		if err := r.Scan(&id, &uid); err != nil {
			return err
		}
		if rec := byID[id]; rec != nil {
			rec.UID = uid
		}
		return nil
	}, lo, hi); err != nil {
		return err
	}
	// Every phone and e-mail, in the order the card shows them.
	if err := eachRow(ctx, tx, `SELECT customer_id, kind, label, value, preferred FROM contacts`+in+`ORDER BY customer_id, kind, position, id`, func(r *sql.Rows) error {
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
	// Record id → 1-based position in its customer's list, by table.
	pos := map[string]map[int64]int{"visit": {}, "note": {}, "thank_you": {}, "feedback": {}, "outreach": {}}
	if err := eachRow(ctx, tx, `SELECT id, archived_at FROM customers WHERE archived_at IS NOT NULL AND id BETWEEN ? AND ?`, func(r *sql.Rows) error {
		var id int64
		var at string
		if err := r.Scan(&id, &at); err != nil {
			return err
		}
		if rec := byID[id]; rec != nil {
			rec.ArchivedAt = parseTime(at)
		}
		return nil
	}, lo, hi); err != nil {
		return err
	}
	if !needs.notes {
		return nil
	}
	if err := eachRow(ctx, tx, `SELECT id, customer_id, text, created_at, coalesce(ask_on, ''), asked_at, private FROM notes`+in+`ORDER BY customer_id, id`, func(r *sql.Rows) error {
		var n model.Note
		var created, askOn string
		var asked sql.NullString
		if err := r.Scan(&n.ID, &n.CustomerID, &n.Text, &created, &askOn, &asked, &n.Private); err != nil {
			return err
		}
		rec := byID[n.CustomerID]
		if rec == nil {
			return nil
		}
		n.Created, n.AskOn, n.Asked = parseTime(created), parseDay(askOn), asked.Valid
		if asked.Valid {
			if rec.NoteAskedAt == nil {
				rec.NoteAskedAt = map[int]time.Time{}
			}
			rec.NoteAskedAt[len(rec.Notes)] = parseTime(asked.String)
		}
		rec.Notes = append(rec.Notes, n)
		pos["note"][n.ID] = len(rec.Notes)
		return nil
	}, lo, hi); err != nil {
		return err
	}
	if !needs.all {
		return nil
	}
	if err := eachRow(ctx, tx, `SELECT id, customer_id, day, cents, what FROM visits`+in+`ORDER BY customer_id, id`, func(r *sql.Rows) error {
		var v model.Visit
		var day string
		if err := r.Scan(&v.ID, &v.CustomerID, &day, &v.Cents, &v.What); err != nil {
			return err
		}
		rec := byID[v.CustomerID]
		if rec == nil {
			return nil
		}
		v.On = parseDay(day)
		rec.Visits = append(rec.Visits, v)
		pos["visit"][v.ID] = len(rec.Visits)
		return nil
	}, lo, hi); err != nil {
		return err
	}
	if err := eachRow(ctx, tx, `SELECT id, customer_id, reason, due, created_at, sent_at, visit_id FROM thank_yous`+in+`ORDER BY customer_id, id`, func(r *sql.Rows) error {
		var t model.ThankYou
		var due, created string
		var sent sql.NullString
		var visit sql.NullInt64
		if err := r.Scan(&t.ID, &t.CustomerID, &t.Reason, &due, &created, &sent, &visit); err != nil {
			return err
		}
		rec := byID[t.CustomerID]
		if rec == nil {
			return nil
		}
		t.Due, t.Created, t.Sent, t.SentAt = parseDay(due), parseTime(created), sent.Valid, nullTime(sent)
		if p := pos["visit"][visit.Int64]; visit.Valid && p > 0 {
			if rec.ThankYouVisit == nil {
				rec.ThankYouVisit = map[int]int{}
			}
			rec.ThankYouVisit[len(rec.ThankYous)] = p - 1
		}
		rec.ThankYous = append(rec.ThankYous, t)
		pos["thank_you"][t.ID] = len(rec.ThankYous)
		return nil
	}, lo, hi); err != nil {
		return err
	}
	if err := eachRow(ctx, tx, `SELECT id, customer_id, day, rating, comment, replied_at FROM feedback`+in+`ORDER BY customer_id, id`, func(r *sql.Rows) error {
		var f model.Feedback
		var day string
		var replied sql.NullString
		if err := r.Scan(&f.ID, &f.CustomerID, &day, &f.Rating, &f.Comment, &replied); err != nil {
			return err
		}
		rec := byID[f.CustomerID]
		if rec == nil {
			return nil
		}
		f.On, f.Replied, f.RepliedAt = parseDay(day), replied.Valid, nullTime(replied)
		rec.Feedback = append(rec.Feedback, f)
		pos["feedback"][f.ID] = len(rec.Feedback)
		return nil
	}, lo, hi); err != nil {
		return err
	}
	if err := eachRow(ctx, tx, `SELECT id, customer_id, day, channel, about, note, created_at FROM outreach`+in+`ORDER BY customer_id, id`, func(r *sql.Rows) error {
		var o model.Outreach
		var day, ch, created string
		if err := r.Scan(&o.ID, &o.CustomerID, &day, &ch, &o.About, &o.Note, &created); err != nil {
			return err
		}
		rec := byID[o.CustomerID]
		if rec == nil {
			return nil
		}
		o.On, o.Channel, o.Created = parseDay(day), model.Channel(ch), parseTime(created)
		rec.Outreach = append(rec.Outreach, o)
		pos["outreach"][o.ID] = len(rec.Outreach)
		return nil
	}, lo, hi); err != nil {
		return err
	}
	if err := eachRow(ctx, tx, `SELECT id, customer_id, state, week, day, kind, reason, due, coalesce(outreach_id, 0),
			coalesce(thank_you_id, 0), made_thank_you, coalesce(note_id, 0), coalesce(feedback_id, 0),
			coalesce(visit_id, 0), created_at FROM week_items`+in+`ORDER BY customer_id, rowid`, func(r *sql.Rows) error {
		var itemID, week, day, due, created string
		var cid, outreach, thankYou, note, feedback, visit int64
		var w interchange.WeekItem
		if err := r.Scan(&itemID, &cid, &w.State, &week, &day, &w.Kind, &w.Reason, &due, &outreach,
			&thankYou, &w.MadeThankYou, &note, &feedback, &visit, &created); err != nil {
			return err
		}
		w.Week, w.Day, w.Due, w.Created = parseDay(week), parseDay(day), parseDay(due), parseTime(created)
		w.Outreach, w.ThankYou, w.Note = pos["outreach"][outreach], pos["thank_you"][thankYou], pos["note"][note]
		w.Feedback, w.Visit = pos["feedback"][feedback], pos["visit"][visit]
		// "kind:customer:key": the key may name a record by its id.
		parts := strings.SplitN(itemID, ":", 3)
		if len(parts) == 3 {
			w.Key = parts[2]
			table := weekKeyRecords[w.Kind]
			if strings.HasPrefix(w.Key, "v") && w.Kind == "thank-you" {
				table, w.Key = "visit", w.Key[1:]
			}
			if n, err := strconv.ParseInt(w.Key, 10, 64); err == nil && table != "" && pos[table][n] > 0 {
				w.Key = table + ":" + strconv.Itoa(pos[table][n])
			}
		}
		if rec := byID[cid]; rec != nil {
			rec.Week = append(rec.Week, w)
		}
		return nil
	}, lo, hi); err != nil {
		return err
	}
	return nil
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
