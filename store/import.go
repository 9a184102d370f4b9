package store

import (
	"context"
	"database/sql"
	"hash/fnv"
	"io"
	"strconv"
	"strings"
	"time"

	"regulars/interchange"
	"regulars/model"
)

// ImportOptions says how to import.
type ImportOptions struct {
	DryRun bool // check and count, change nothing (and take no write lock)
	// SkipInvalid imports every good record and lists each refused one in
	// the result's Errors (interchange.WriteRejects writes them to a file
	// that can be fixed and imported alone). Without it, one bad record
	// stops the import: all or nothing. The command line's --skip-invalid.
	SkipInvalid bool
	// Progress, when set, is called after each turn of writing: the
	// customers written so far of all to write.
	Progress func(done, total int)
}

// ImportResult says what an import did, or would do in a dry run.
type ImportResult struct {
	Format   string
	Read     int
	Added    []Added
	Skipped  []Duplicate
	Errors   []interchange.RecordError // the records refused
	Warnings []interchange.Warning     // what was read but kept elsewhere (see Batch.Warnings)
	DryRun   bool
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

// An import writes in turns: a transaction of at most importTurn, then a
// pause of importPause with the write lock free. SQLite's busy handler
// retries a waiting writer at most 100 ms apart, so a pause longer than
// that lets the counter's note in, within half a second, however long the
// import runs. (Variables only so that a test can make turns small.)
var (
	importTurn  = 400 * time.Millisecond
	importPause = 110 * time.Millisecond
)

// Import adds the batch's customers: all of them or, when any record is
// bad, none (unless opts.SkipInvalid). Everything is checked and matched
// before the first write; the writes go in transactions of a few thousand
// rows, so a long import does not hold the notebook's write lock for its
// whole run, and a dry run takes no write lock at all. A record that
// carries an identity (a UID) is matched on it: customers already in the
// notebook are reported and skipped, so importing a file twice adds
// nothing the second time. Records without one are matched by the
// no-doubles rule (same name and phone or e-mail). When a write fails, the
// customers already written by this import are removed again.
func (s *Store) Import(ctx context.Context, b *interchange.Batch, opts ImportOptions) (*ImportResult, error) {
	res := &ImportResult{Format: b.Format, Read: b.Read(), Errors: append([]interchange.RecordError(nil), b.Errors...),
		Warnings: b.Warnings, DryRun: opts.DryRun}
	today := s.Today()
	good := make([]bool, len(b.Records))
	for i := range b.Records {
		rec := &b.Records[i]
		reasons := rec.Problems()
		if err := rec.Customer.CheckDates(today); err != nil {
			reasons = append(reasons, model.ErrorMessage(err))
		}
		if len(reasons) > 0 {
			raw := ""
			if i < len(b.Raw) {
				raw = b.Raw[i]
			}
			res.Errors = append(res.Errors, interchange.RecordError{Where: rec.Where, Name: rec.Customer.Name, Reason: strings.Join(reasons, "; "), Raw: raw})
			continue
		}
		good[i] = true
	}
	if len(res.Errors) > 0 && !opts.SkipInvalid {
		return res, model.Errorf(model.EINVALID, "%d of %d records cannot be imported; nothing was imported", len(res.Errors), b.Read())
	}
	var idx *contactIndex
	if err := s.readTx(ctx, func(tx *sql.Tx) (err error) {
		idx, err = loadContactIndex(ctx, tx)
		return err
	}); err != nil {
		return res, err
	}
	var todo []*interchange.Record
	for i := range b.Records {
		rec := &b.Records[i]
		if !good[i] {
			continue
		}
		if d, dup := idx.match(rec); dup {
			d.Where, d.Name = rec.Where, rec.Customer.Name
			res.Skipped = append(res.Skipped, d)
			continue
		}
		idx.add(rec)
		todo = append(todo, rec)
	}
	count := func(rec *interchange.Record) {
		res.Added = append(res.Added, Added{Where: rec.Where, ID: rec.Customer.ID, Name: rec.Customer.Name})
		res.Notes += len(rec.Notes)
		res.Visits += len(rec.Visits)
		res.ThankYous += len(rec.ThankYous)
		res.Feedback += len(rec.Feedback)
		res.Outreach += len(rec.Outreach)
	}
	if opts.DryRun {
		for _, rec := range todo {
			count(rec)
		}
		return res, nil
	}
	total := len(todo)
	w := newImportWriter(ctx, s)
	w.turnDone = func(n int) {
		if opts.Progress != nil {
			opts.Progress(n, total)
		}
	}
	err := w.write(todo)
	if err == nil {
		err = w.close()
	}
	if err != nil {
		w.abort()
		return res, err
	}
	s.settleFTSAfterImport(ctx)
	for _, rec := range todo {
		count(rec)
	}
	return res, nil
}

// undoImport removes the customers an import wrote before one of its
// writes failed: an import is all or nothing for the records it keeps.
func (s *Store) undoImport(ids []int64) {
	if len(ids) == 0 {
		return
	}
	s.tx(context.Background(), func(tx *sql.Tx) error {
		// One statement a few thousand customers: a statement a customer
		// compiled the deletes' triggers and cascades each time.
		for len(ids) > 0 {
			n := min(len(ids), 4096)
			b := []byte{'['}
			for i, id := range ids[:n] {
				if i > 0 {
					b = append(b, ',')
				}
				b = strconv.AppendInt(b, id, 10)
			}
			b = append(b, ']')
			if _, err := tx.Exec(`DELETE FROM customers WHERE id IN (SELECT value FROM json_each(?))`, string(b)); err != nil {
				return err
			}
			ids = ids[n:]
		}
		return nil
	})
}

// contactIndex finds customers by identity and by name for the no-doubles rule.
type contactIndex struct {
	byName map[string][]contactKey
	byUID  map[string]string // uid → label
}

type contactKey struct {
	label          string   // "#12 Anna Schmidt" or "card 2 in this file"
	digits, emails []string // every phone's digits and every e-mail
	uid            string   // the record's identity in a file, "" for the notebook's customers
	id             int64    // the notebook's customer, 0 for a record of the file
}

func loadContactIndex(ctx context.Context, tx *sql.Tx) (*contactIndex, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, name, phone_digits, email, coalesce(uid, ''), created_at FROM customers`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	idx := &contactIndex{byName: map[string][]contactKey{}, byUID: map[string]string{}}
	for rows.Next() {
		var id int64
		var name, digits, email, uid, created string
		if err := rows.Scan(&id, &name, &digits, &email, &uid, &created); err != nil {
			return nil, err
		}
		label := "#" + strconv.FormatInt(id, 10) + " " + name
		if uid == "" {
			uid = legacyUID(id, created)
		}
		idx.byUID[uid] = label
		k := nameKey(name)
		idx.byName[k] = append(idx.byName[k], contactKey{label: label, digits: nonEmpty(digits), emails: nonEmpty(emailKey(email)), id: id})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	// The customers' other phones and e-mails.
	more, err := tx.QueryContext(ctx, `SELECT customer_id, kind, value, digits FROM contacts WHERE preferred = 0`)
	if err != nil {
		return nil, err
	}
	defer more.Close()
	extra := map[int64][2][]string{}
	for more.Next() {
		var id int64
		var kind, value, digits string
		if err := more.Scan(&id, &kind, &value, &digits); err != nil {
			return nil, err
		}
		e := extra[id]
		if kind == "phone" && digits != "" {
			e[0] = append(e[0], digits)
		} else if kind == "email" {
			e[1] = append(e[1], emailKey(value))
		}
		extra[id] = e
	}
	if err := more.Err(); err != nil {
		return nil, err
	}
	for k, list := range idx.byName {
		for i := range list {
			id := list[i].id
			if e, ok := extra[id]; ok {
				idx.byName[k][i].digits = append(idx.byName[k][i].digits, e[0]...)
				idx.byName[k][i].emails = append(idx.byName[k][i].emails, e[1]...)
			}
		}
	}
	return idx, nil
}

func nonEmpty(l ...string) []string {
	var out []string
	for _, s := range l {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// legacyUID is the identity exports gave a customer from before uids were
// kept (interchange.CustomerUID of the id and creation time).
func legacyUID(id int64, created string) string {
	return "urn:uuid:" + interchange.CustomerUID(&model.Customer{ID: id, Created: parseTime(created)})
}

func (idx *contactIndex) add(rec *interchange.Record) {
	c := &rec.Customer
	label := rec.Where + " in this file"
	if rec.UID != "" {
		idx.byUID[rec.UID] = label
	}
	k := nameKey(c.Name)
	digits, emails := recordContacts(rec)
	idx.byName[k] = append(idx.byName[k], contactKey{label: label, digits: digits, emails: emails, uid: rec.UID})
}

// recordContacts is every phone's digits and every e-mail of a record.
func recordContacts(rec *interchange.Record) (digits, emails []string) {
	c := &rec.Customer
	digits = nonEmpty(model.PhoneDigits(c.Phone))
	for _, p := range c.Phones {
		digits = append(digits, nonEmpty(model.PhoneDigits(p.Value))...)
	}
	emails = nonEmpty(emailKey(c.Email))
	for _, e := range c.Emails {
		emails = append(emails, nonEmpty(emailKey(e.Value))...)
	}
	return digits, emails
}

// match finds the customer a record is. A record with an identity is the
// customer of that identity; failing that, the same name and the same
// phone digits or e-mail (an address book's card of someone typed in by
// hand). A record without one follows the no-doubles rule: the same name
// (ignoring case and spacing) and the same phone or e-mail; two people of
// the same name with neither phone nor e-mail are taken as the same too,
// so a file of names alone still imports only once. Two records of one
// file that carry different identities are never the same person.
func (idx *contactIndex) match(rec *interchange.Record) (Duplicate, bool) {
	c := &rec.Customer
	if rec.UID != "" {
		if label, ok := idx.byUID[rec.UID]; ok {
			return Duplicate{Matches: label, Why: "the same identity (UID)"}, true
		}
	}
	digits, emails := recordContacts(rec)
	for _, k := range idx.byName[nameKey(c.Name)] {
		if rec.UID != "" && k.uid != "" {
			continue
		}
		switch {
		case anyOf(emails, k.emails, func(a, b string) bool { return a == b }):
			return Duplicate{Matches: k.label, Why: "same name and e-mail"}, true
		case anyOf(digits, k.digits, samePhone):
			return Duplicate{Matches: k.label, Why: "same name and phone"}, true
		case rec.UID == "" && len(digits) == 0 && len(emails) == 0 && len(k.digits) == 0 && len(k.emails) == 0:
			return Duplicate{Matches: k.label, Why: "same name, and neither has a phone or e-mail"}, true
		}
	}
	return Duplicate{}, false
}

// anyOf reports whether some a of as and b of bs are the same.
func anyOf(as, bs []string, same func(a, b string) bool) bool {
	for _, a := range as {
		for _, b := range bs {
			if same(a, b) {
				return true
			}
		}
	}
	return false
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

// SaveRejects writes the records an import refused next to its input
// (interchange.RejectsPath: "contacts.vcf" → "contacts.rejects.vcf"), in
// the input's own text and mode 0600, so they can be fixed and imported on
// their own. It returns the file's path; nothing is written when no record
// was refused.
func SaveRejects(input string, b *interchange.Batch, refused []interchange.RecordError) (string, error) {
	if len(refused) == 0 {
		return "", nil
	}
	path := interchange.RejectsPath(input)
	return path, WritePrivateFile(path, func(w io.Writer) error { return interchange.WriteRejects(w, b, refused) })
}

// RecordSource reads a file's records in order, calling fn for each; it
// can be called again and reads the same records.
type RecordSource func(fn func(c *interchange.ScannedCustomer) error) error

// importStreamTurn is how many records are held waiting to be written.
const importStreamTurn = 256

// ImportStream is Import for a file too large to hold in memory (the
// notebook's own JSON of 100,000 customers is 200 to 300 MB): it reads
// the source twice, once to check and match every record, once to write,
// holding a few hundred records at a time. It keeps Import's promises:
// nothing is written when a record is bad (unless opts.SkipInvalid), a dry
// run writes nothing, the writes go in turns, and when a write fails, or
// the file is not the same the second time, the customers already written
// are removed again. The rejects' text is kept in memory (at most
// maxRejectedText of it).
func (s *Store) ImportStream(ctx context.Context, format string, src RecordSource, opts ImportOptions) (*ImportResult, error) {
	res := &ImportResult{Format: format, DryRun: opts.DryRun}
	today := s.Today()
	var idx *contactIndex
	if err := s.readTx(ctx, func(tx *sql.Tx) (err error) {
		idx, err = loadContactIndex(ctx, tx)
		return err
	}); err != nil {
		return res, err
	}
	// What to do with each record, and a hash of its text to know it again.
	const (
		refused = iota
		skipped
		write
	)
	var todo []byte
	var sums []uint64
	rejected := 0
	err := src(func(c *interchange.ScannedCustomer) error {
		if err := ctx.Err(); err != nil {
			return wrapError(err)
		}
		res.Read++
		sums = append(sums, textSum(c.Raw))
		rec := &c.Record
		reasons := c.Reasons
		if c.Unreadable != "" {
			reasons = []string{c.Unreadable}
		} else if len(reasons) == 0 {
			reasons = rec.Problems()
			if err := rec.Customer.CheckDates(today); err != nil {
				reasons = append(reasons, model.ErrorMessage(err))
			}
		}
		if len(reasons) > 0 {
			todo = append(todo, refused)
			if rejected += len(c.Raw); rejected > maxRejectedText {
				return model.Errorf(model.EINVALID, "more than %d MiB of the file's records cannot be imported; nothing was imported", maxRejectedText>>20)
			}
			res.Errors = append(res.Errors, interchange.RecordError{Where: rec.Where, Name: strings.TrimSpace(rec.Customer.Name), Reason: strings.Join(reasons, "; "), Raw: c.Raw})
			return nil
		}
		if d, dup := idx.match(rec); dup {
			d.Where, d.Name = rec.Where, rec.Customer.Name
			res.Skipped = append(res.Skipped, d)
			todo = append(todo, skipped)
			return nil
		}
		idx.add(rec)
		todo = append(todo, write)
		if opts.DryRun {
			res.count(rec)
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	if len(res.Errors) > 0 && !opts.SkipInvalid {
		return res, model.Errorf(model.EINVALID, "%d of %d records cannot be imported; nothing was imported", len(res.Errors), res.Read)
	}
	if opts.DryRun {
		return res, nil
	}
	idx = nil
	total := 0
	for _, t := range todo {
		if t == write {
			total++
		}
	}
	w := newImportWriter(ctx, s)
	w.turnDone = func(n int) {
		if opts.Progress != nil {
			opts.Progress(n, total)
		}
	}
	var pending []*interchange.Record
	flush := func() error {
		if err := w.write(pending); err != nil {
			return err
		}
		for _, rec := range pending {
			res.count(rec)
		}
		pending = pending[:0]
		return nil
	}
	i := 0
	err = src(func(c *interchange.ScannedCustomer) error {
		if i >= len(todo) || textSum(c.Raw) != sums[i] {
			return model.Errorf(model.EINVALID, "the file changed while it was imported; nothing was imported")
		}
		i++
		if todo[i-1] != write {
			return nil
		}
		rec := c.Record
		pending = append(pending, &rec)
		if len(pending) >= importStreamTurn {
			return flush()
		}
		return nil
	})
	if err == nil && i != len(todo) {
		err = model.Errorf(model.EINVALID, "the file changed while it was imported; nothing was imported")
	}
	if err == nil {
		err = flush()
	}
	if err == nil {
		err = w.close()
	}
	if err != nil {
		w.abort()
		res.Added, res.Notes, res.Visits, res.ThankYous, res.Feedback, res.Outreach = nil, 0, 0, 0, 0, 0
		return res, err
	}
	s.settleFTSAfterImport(ctx)
	return res, nil
}

// maxRejectedText bounds the text of refused records a streamed import
// keeps for the rejects file.
const maxRejectedText = 64 << 20

// textSum is a hash of a record's text, to know it again on the second
// reading.
func textSum(s string) uint64 {
	h := fnv.New64a()
	io.WriteString(h, s)
	return h.Sum64()
}

// count adds a written (or, in a dry run, checked) record to the result.
func (res *ImportResult) count(rec *interchange.Record) {
	res.Added = append(res.Added, Added{Where: rec.Where, ID: rec.Customer.ID, Name: rec.Customer.Name})
	res.Notes += len(rec.Notes)
	res.Visits += len(rec.Visits)
	res.ThankYous += len(rec.ThankYous)
	res.Feedback += len(rec.Feedback)
	res.Outreach += len(rec.Outreach)
}
