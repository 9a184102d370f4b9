package tui

import (
	"context"
	"encoding/json"
	"slices"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"regulars/model"
	"regulars/store"
)

// What is typed into an open form is kept as a draft in the notebook, so
// that a closed terminal, a crash or a hang-up loses nothing: the root
// saves it at most once a second while typing (through a timer and a
// command, never on the keystroke itself), on SIGHUP and SIGTERM before
// quitting, and offers it back when the same form opens again for the same
// customer. Saving the form or dropping it on purpose removes it.

// draftEvery is how often, at most, a draft is written while typing.
const draftEvery = time.Second

// drafter is a form that keeps a draft.
type drafter interface {
	// draftKey is the customer and the form's name; 0 when the form keeps
	// no draft (a new customer has no id yet).
	draftKey() (customerID int64, form string)
	// draftBody is the form's fields, encoded.
	draftBody() string
	// restoreDraft fills the fields from a body and says so on the form.
	restoreDraft(body string, saved time.Time) error
	Dirty() bool
}

type (
	draftTickMsg  struct{ epoch int }
	draftFoundMsg struct {
		epoch int
		draft *model.Draft
	}
	draftWrittenMsg struct{ err error }
	// shutdownMsg says the program was told to stop (SIGHUP, SIGTERM): the
	// draft is saved before it quits.
	shutdownMsg struct{}
)

type draftKey struct {
	id   int64
	form string
}

// draftKeeper serializes the draft writes: a save that a timer started
// must not land after the form was saved or dropped and bring the draft
// back. Every form opened gets a higher epoch; dropping closes the key up
// to the form's epoch.
type draftKeeper struct {
	s *store.Store
	// author is who is typing (Options.Author): "" for the notebook's
	// owner, who has no name in the store.
	author string
	mu     sync.Mutex
	closed map[draftKey]int
	// pending are drops asked for and perhaps not run yet: a program that
	// quits right after a save does not run the commands still queued, and
	// the saved text would come back as a draft. flush runs them.
	pending []*pendingDrop
}

// pendingDrop is one drop, run once: by its command or by flush.
type pendingDrop struct {
	once  sync.Once
	epoch int
	id    int64
	form  string
	err   error
}

func (k *draftKeeper) run(ctx context.Context, p *pendingDrop) error {
	p.once.Do(func() { p.err = k.drop(ctx, p.epoch, p.id, p.form) })
	k.mu.Lock()
	k.pending = slices.DeleteFunc(k.pending, func(q *pendingDrop) bool { return q == p })
	k.mu.Unlock()
	return p.err
}

// flush runs every drop not run yet, and forgets them all.
func (k *draftKeeper) flush(ctx context.Context) error {
	k.mu.Lock()
	pending := k.pending
	k.pending = nil
	k.mu.Unlock()
	var first error
	for _, p := range pending {
		if err := k.run(ctx, p); err != nil && first == nil {
			first = err
		}
	}
	return first
}

func (k *draftKeeper) save(ctx context.Context, epoch int, d *model.Draft) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.closed[draftKey{d.CustomerID, d.Form}] >= epoch {
		return nil
	}
	return k.s.SaveDraft(ctx, d)
}

func (k *draftKeeper) drop(ctx context.Context, epoch int, id int64, form string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.closed == nil {
		k.closed = map[draftKey]int{}
	}
	k.closed[draftKey{id, form}] = epoch
	return k.s.DropDraft(ctx, id, form, k.author)
}

// openDraft starts the new form's draft life: it asks for a kept draft.
func (m *Model) openDraft() tea.Cmd {
	m.draftEpoch++
	m.draftPending, m.draftSaved = false, ""
	d, ok := m.form.(drafter)
	if !ok {
		return nil
	}
	id, form := d.draftKey()
	if id == 0 {
		return nil
	}
	epoch, s, ctx, author := m.draftEpoch, m.c.Store, m.c.Ctx, m.drafts.author
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, queryTimeout)
		defer cancel()
		dr, err := s.Draft(ctx, id, form, author)
		if err != nil {
			return nil // none kept, or none readable: the form opens empty
		}
		return draftFoundMsg{epoch: epoch, draft: dr}
	}
}

// draftFound fills the open form with a kept draft, unless something was
// typed already.
func (m *Model) draftFound(msg draftFoundMsg) {
	d, ok := m.form.(drafter)
	if !ok || msg.epoch != m.draftEpoch || d.Dirty() {
		return
	}
	if err := d.restoreDraft(msg.draft.Body, msg.draft.Saved); err != nil {
		return
	}
	m.draftSaved = msg.draft.Body
}

// typed notes that the open form may have changed: a timer saves the
// draft within draftEvery.
func (m *Model) typed() tea.Cmd {
	if _, ok := m.form.(drafter); !ok || m.draftPending {
		return nil
	}
	m.draftPending = true
	epoch := m.draftEpoch
	return m.tick(draftEvery, func(time.Time) tea.Msg { return draftTickMsg{epoch: epoch} })
}

// draftTick writes the draft if it changed since the last write.
func (m *Model) draftTick(msg draftTickMsg) tea.Cmd {
	if msg.epoch != m.draftEpoch {
		return nil
	}
	m.draftPending = false
	d, ok := m.form.(drafter)
	if !ok {
		return nil
	}
	id, form := d.draftKey()
	if id == 0 {
		return nil
	}
	keeper, ctx, epoch := m.drafts, m.c.Ctx, m.draftEpoch
	if !d.Dirty() {
		if m.draftSaved == "" {
			return nil
		}
		// Typed back to how it was: nothing to keep.
		m.draftSaved = ""
		return func() tea.Msg {
			return draftWrittenMsg{err: keeper.s.DropDraft(ctx, id, form, keeper.author)}
		}
	}
	body := d.draftBody()
	if body == m.draftSaved {
		return nil
	}
	m.draftSaved = body
	dr := &model.Draft{CustomerID: id, Form: form, Author: m.drafts.author, Body: body}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, queryTimeout)
		defer cancel()
		return draftWrittenMsg{err: keeper.save(ctx, epoch, dr)}
	}
}

// keepDraftNow saves the open form's draft before the program stops; it
// waits for the write.
func (m *Model) keepDraftNow() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := m.drafts.flush(ctx); err != nil {
		return err
	}
	d, ok := m.form.(drafter)
	if !ok || !d.Dirty() {
		return nil
	}
	id, form := d.draftKey()
	if id == 0 {
		return nil
	}
	return m.drafts.save(ctx, m.draftEpoch, &model.Draft{CustomerID: id, Form: form, Author: m.drafts.author, Body: d.draftBody()})
}

// dropDraft removes the closing form's draft: it was saved or dropped on
// purpose.
func (m *Model) dropDraft() tea.Cmd {
	d, ok := m.form.(drafter)
	if !ok {
		return nil
	}
	id, form := d.draftKey()
	if id == 0 {
		return nil
	}
	keeper, ctx := m.drafts, m.c.Ctx
	p := &pendingDrop{epoch: m.draftEpoch, id: id, form: form}
	m.draftEpoch++ // a timer still running is for the closed form
	keeper.mu.Lock()
	keeper.pending = append(keeper.pending, p)
	keeper.mu.Unlock()
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, queryTimeout)
		defer cancel()
		return draftWrittenMsg{err: keeper.run(ctx, p)}
	}
}

// restoredNotice is what a form says after taking a draft back.
func restoredNotice(c *Common, saved time.Time) string {
	when := ""
	if !saved.IsZero() {
		d := model.DateOf(saved.Local())
		when = " from " + d.ShortIn(c.Today()) + " " + saved.Local().Format("15:04")
	}
	return "Restored what you typed" + when + ". " + keyName(c.Keys.Form.Cancel) + " then " +
		keyName(c.Keys.Confirm.Yes) + " drops it."
}

// noteDraft is a note form's draft body.
type noteDraft struct {
	Text    string `json:"text"`
	AskOn   string `json:"ask_on,omitempty"`
	Private bool   `json:"private,omitempty"`
}

func (f *NoteForm) draftKey() (int64, string) {
	if f.note != nil {
		return 0, "" // editing a saved note: the note itself is kept
	}
	return f.customerID, "note"
}

func (f *NoteForm) draftBody() string {
	b, _ := json.Marshal(noteDraft{Text: f.Text(), AskOn: f.askOn.Value(), Private: f.private})
	return string(b)
}

func (f *NoteForm) restoreDraft(body string, saved time.Time) error {
	var d noteDraft
	if err := json.Unmarshal([]byte(body), &d); err != nil {
		return err
	}
	f.setText(cleanLines(d.Text))
	f.askOn.SetValue(clean(d.AskOn))
	f.private = d.Private
	f.notice = restoredNotice(f.c, saved)
	return nil
}

func (f *FieldForm) draftKey() (int64, string) { return f.customerID, f.draftName }

func (f *FieldForm) draftBody() string {
	b, _ := json.Marshal(f.values())
	return string(b)
}

func (f *FieldForm) restoreDraft(body string, saved time.Time) error {
	var vals []string
	if err := json.Unmarshal([]byte(body), &vals); err != nil {
		return err
	}
	if len(vals) != len(f.inputs) {
		return model.Errorf(model.EINVALID, "the draft is for another version of the form")
	}
	for i, v := range vals {
		f.inputs[i].SetValue(clean(v))
	}
	f.notice = restoredNotice(f.c, saved)
	return nil
}
