// Package tui is Regulars' terminal interface, built on Bubble Tea: the
// customer list, the talking-points card, note entry and the other forms.
package tui

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"regulars/model"
	"regulars/store"
)

// Options configure the interface.
type Options struct {
	// Editor is the command line that ctrl+e runs on a note ($VISUAL or
	// $EDITOR); empty means vi.
	Editor string
	// Profile is the terminal's colour profile. Run detects it once when
	// nil (under tmux detection runs "tmux info", so it is not repeated).
	Profile *colorprofile.Profile
	// Author is who is at the keyboard: a person's name from the people
	// file, "" for the owner. It is shown nowhere; drafts are kept under it.
	Author string
	// Staff is someone at the counter who is not the owner: screen-safe
	// mode stays on, and forget, merge, archive and unarchive are not
	// offered.
	Staff bool
}

// Run opens the interface over the notebook on the terminal and returns when
// the owner quits.
// WarmUp builds, on another core, what the first frame would otherwise
// build on the interface's path: the table of every character's width on
// the terminal, which go-runewidth makes (2 MB) at the first character
// above U+02FF drawn, such as the list's ▸ (7 to 9 ms here). The command
// line calls it before it opens the notebook.
func WarmUp() { go ansi.WcWidth.StringWidth("▸") }

func Run(ctx context.Context, s *store.Store, opts Options) error {
	var profile colorprofile.Profile
	if opts.Profile != nil {
		profile = *opts.Profile
	} else {
		profile = colorprofile.Detect(os.Stdout, os.Environ())
	}
	// 120 frames a second (the most Bubble Tea allows, 60 by default): a
	// frame waits for the renderer's next tick, so this halves the wait for
	// the first rows and for every keystroke's.
	m := New(ctx, s, opts)
	defer m.Close()
	// Bubble Tea's own handler quits on SIGTERM without a word to the
	// model; ours tells the model, which keeps the open form's draft first.
	// A hang-up (the terminal window closed) is the same.
	p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithColorProfile(profile), tea.WithFPS(120),
		tea.WithoutSignalHandler())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT)
	defer signal.Stop(sigs)
	stopped := make(chan struct{})
	signalled := make(chan struct{})
	go func() {
		select {
		case <-sigs:
			close(signalled)
			p.Send(shutdownMsg{})
		case <-stopped:
		}
	}()
	_, err := p.Run()
	close(stopped)
	// A save just before quitting may have left its draft's removal
	// queued: run it, or the saved text would come back as a draft.
	fctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if ferr := m.drafts.flush(fctx); ferr != nil && err == nil {
		err = ferr
	}
	select {
	case <-signalled:
		// The program may have ended on its own first (a hung-up terminal
		// fails its reads): keep the draft from the final model too. The
		// program is done, so the model is ours alone again.
		if kerr := m.keepDraftNow(); kerr != nil && err == nil {
			err = kerr
		}
	default:
	}
	return err
}

// KeepDraft saves the open form's draft, waiting for the write: for a host
// that ends the program itself (an SSH session dropped), once the program
// has stopped.
func (m *Model) KeepDraft() error { return m.keepDraftNow() }

type page int

const (
	pageList page = iota
	pageDetail
	pageWeek
)

// Model is the root of the interface. It owns the components, routes keys to
// the focused one first, acts on their intents (open a customer, a form
// closed) and draws the frame: header, body, status bar and help.
type Model struct {
	c *Common

	list   *List
	detail *Detail
	week   *Week
	form   Component // *NoteForm or *FieldForm while one is open
	// formOpens is set when the open form adds a customer: their card opens
	// after it saves.
	formOpens bool

	page, weekFrom page
	detailFrom     page // esc on a card opened from the week goes back to it
	confirm        *confirmation
	prompt         *textPrompt // a typed question: forget's name, merge's lookup
	picking        *cardRow    // the card's x was pressed: the next key says how
	help           help.Model

	// changes are the changes made on cards, newest last, for undo.
	changes []*change

	status    string
	statusErr bool
	quitArmed bool // ctrl+c was pressed once over unsaved text

	// Drafts of the open form: the epoch changes with every form opened
	// (a timer for an earlier form is ignored), pending is a timer running,
	// saved the body last written.
	drafts       *draftKeeper
	draftEpoch   int
	draftPending bool
	draftSaved   string

	watch    *store.Watch
	watching bool // a question to the Watch is on its way
	// watchAsked is set once the Watch was first asked: after the list's
	// first rows, so that opening its connection does not hold them up.
	watchAsked bool
	// watchMeasured is set once the Watch has taken its measure, and
	// rowsBeforeWatch when rows were read before that.
	watchMeasured, rowsBeforeWatch bool

	// tick starts a timer; tests replace it so that nothing sleeps.
	tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd

	width, height int
}

// New builds the interface's root model over a notebook.
func New(ctx context.Context, s *store.Store, opts Options) *Model {
	c := &Common{Ctx: ctx, Store: s, Styles: DefaultStyles(true), Keys: DefaultKeyMap(), Editor: opts.Editor}
	if opts.Staff {
		// Staff see the screen as a customer may: screen-safe for good.
		c.Keys.staffOnly()
		c.Safe = true
	}
	h := help.New()
	h.Styles = c.Styles.Help
	m := &Model{c: c, list: NewList(c), detail: NewDetail(c), week: NewWeek(c), help: h, width: 80, height: 24,
		drafts: &draftKeeper{s: s, author: opts.Author}, watch: s.Watch(), tick: tea.Tick}
	m.layout()
	return m
}

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd {
	// The Watch takes its measure when the first rows are in (or at its
	// first tick, whichever comes first): its question opens a connection
	// of its own, a few milliseconds of work the first frame need not wait
	// for.
	return tea.Batch(tea.RequestBackgroundColor, m.list.Reload(), m.watchTick())
}

// current is the component that has the keys.
func (m *Model) current() Component {
	switch {
	case m.form != nil:
		return m.form
	case m.page == pageDetail:
		return m.detail
	case m.page == pageWeek:
		return m.week
	}
	return m.list
}

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	before := m.current()
	cmd := m.update(msg)
	// The full help is about one screen: it closes when the screen changes.
	if m.current() != before {
		m.help.ShowAll = false
	}
	m.layout()
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return nil
	case tea.BackgroundColorMsg:
		*m.c.Styles = *DefaultStyles(msg.IsDark())
		m.help.Styles = m.c.Styles.Help
		return m.broadcast(themeMsg{})
	case tea.KeyPressMsg:
		cmd := m.key(msg)
		if m.form != nil {
			cmd = tea.Batch(cmd, m.typed())
		}
		return cmd
	case tea.PasteMsg:
		if m.prompt != nil {
			var cmd tea.Cmd
			m.prompt.input, cmd = m.prompt.input.Update(msg)
			return cmd
		}
		_, cmd := m.current().Update(msg)
		return tea.Batch(cmd, m.typed())

	case draftTickMsg:
		return m.draftTick(msg)
	case draftFoundMsg:
		m.draftFound(msg)
		return nil
	case draftWrittenMsg:
		if msg.err != nil {
			m.setStatus("What you typed could not be kept as a draft: "+model.ErrorMessage(msg.err), true)
		}
		return nil
	case shutdownMsg:
		// Told to stop (the terminal closed, kill): keep the draft, then go.
		if err := m.keepDraftNow(); err != nil {
			m.setStatus("The draft could not be kept: "+model.ErrorMessage(err), true)
		}
		return tea.Quit

	case watchTickMsg:
		return tea.Batch(m.checkWatch(), m.watchTick())
	case tea.FocusMsg:
		return m.checkWatch()
	case watchMsg:
		m.watching, m.watchAsked = false, true
		// The first answer only takes the measure: what was written after
		// the first rows were read and before it would go unseen, so the
		// screen is read again once.
		first := !m.watchMeasured && msg.err == nil
		if first {
			m.watchMeasured = true
		}
		if msg.err == nil && (msg.changed || first && m.rowsBeforeWatch) {
			return m.refresh()
		}
		return nil

	// Answers go to the component that asked, on screen or not.
	case listPageMsg, listCountMsg:
		_, cmd := m.list.Update(msg)
		if _, ok := msg.(listPageMsg); ok && !m.watchMeasured {
			m.rowsBeforeWatch = true
		}
		if _, ok := msg.(listPageMsg); ok && !m.watchAsked {
			m.watchAsked = true
			cmd = tea.Batch(cmd, m.checkWatch())
		}
		return cmd
	case cardMsg:
		_, cmd := m.detail.Update(msg)
		return cmd
	case noteSavedMsg, formSavedMsg, editorDoneMsg:
		if m.form == nil {
			return nil
		}
		_, cmd := m.form.Update(msg)
		if _, ok := msg.(editorDoneMsg); ok {
			cmd = tea.Batch(cmd, m.typed())
		}
		return cmd

	case weekLoadedMsg, weekActedMsg:
		_, cmd := m.week.Update(msg)
		return cmd
	case dataChangedMsg:
		return m.broadcast(msg)

	case OpenCustomerMsg:
		m.detailFrom = pageList
		if m.page == pageWeek {
			m.detailFrom = pageWeek
		}
		m.page = pageDetail
		return m.detail.Open(msg.ID)
	case cardDoneMsg, unarchivedMsg, customerGoneMsg, mergeTargetMsg:
		return m.cardAnswer(msg)
	case FormDoneMsg:
		if msg.Saved && msg.change != nil {
			m.changes = append(m.changes, msg.change)
		}
		// Saved, or dropped on purpose: the draft goes too.
		drop := m.dropDraft()
		opens := m.formOpens
		m.form, m.formOpens = nil, false
		m.setStatus(msg.Status, false)
		if !msg.Saved {
			return drop
		}
		cmd := tea.Batch(drop, m.broadcast(dataChangedMsg{}))
		if opens && msg.CustomerID != 0 {
			m.page = pageDetail
			return tea.Batch(cmd, m.detail.Open(msg.CustomerID))
		}
		return cmd
	case editCustomerMsg:
		if msg.err != nil {
			m.setStatus(model.ErrorMessage(msg.err), true)
			return nil
		}
		return m.openForm(customerForm(m.c, msg.customer), false)
	case archivedMsg:
		if msg.err != nil {
			m.setStatus(model.ErrorMessage(msg.err), true)
			return nil
		}
		m.list.Archived(store.Match{ID: msg.id, Name: msg.name})
		if m.page == pageDetail && m.detail.ID() == msg.id {
			// The card stays, archived: bringing back and forgetting are
			// offered there.
			k := m.c.Keys.Card
			m.setStatus("Archived "+msg.name+"; nothing was deleted · "+keyName(k.Unarchive)+" brings them back", false)
			if k.Forget.Enabled() {
				m.status += ", " + keyName(k.Forget) + " forgets them for good"
			}
		} else {
			m.setStatus("Archived "+msg.name+"; nothing was deleted", false)
		}
		return m.broadcast(dataChangedMsg{})
	case StatusMsg:
		m.setStatus(msg.Text, msg.Err)
		return nil
	}
	// Anything else (cursor blinks, editor messages) goes to the focused one.
	_, cmd := m.current().Update(msg)
	return cmd
}

// broadcast sends a message to every component.
func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for _, c := range []Component{m.list, m.detail, m.week, m.form} {
		if c == nil {
			continue
		}
		_, cmd := c.Update(msg)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

func (m *Model) setStatus(s string, isErr bool) { m.status, m.statusErr = s, isErr }

// unsaved reports whether an open form holds typed text.
func (m *Model) unsaved() bool {
	switch f := m.form.(type) {
	case *NoteForm:
		return f.Dirty()
	case *FieldForm:
		return f.Dirty()
	}
	return false
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.c.Keys
	if key.Matches(msg, k.Global.ForceQuit) {
		if m.unsaved() && !m.quitArmed {
			m.quitArmed = true
			m.setStatus("Unsaved text: "+keyName(k.Global.ForceQuit)+" again quits and drops it; "+
				keyName(k.Form.Save)+" saves it", true)
			return nil
		}
		if m.quitArmed {
			// Dropped on purpose: no draft is kept.
			return tea.Sequence(m.dropDraft(), tea.Quit)
		}
		return tea.Quit
	}
	m.quitArmed = false
	m.status, m.statusErr = "", false

	if m.prompt != nil {
		return m.promptKey(msg)
	}
	if m.picking != nil {
		return m.pickKey(msg)
	}
	if m.confirm != nil {
		switch {
		case key.Matches(msg, k.Confirm.Yes):
			yes := m.confirm.yes
			m.confirm = nil
			return yes()
		case key.Matches(msg, k.Confirm.No):
			m.confirm = nil
		}
		return nil
	}
	cur := m.current()
	if cur.Capturing() {
		_, cmd := cur.Update(msg)
		return cmd
	}

	switch {
	case key.Matches(msg, k.Global.Quit):
		return tea.Quit
	case key.Matches(msg, k.List.Filter):
		// A new lookup from any page, the card included: the list's filter
		// box takes the keys, so a name typed there fires nothing else.
		m.page = pageList
		return m.list.Lookup()
	case key.Matches(msg, k.Global.Help):
		m.help.ShowAll = !m.help.ShowAll
		return nil
	case key.Matches(msg, k.Global.Safe):
		m.c.Safe = !m.c.Safe
		if m.c.Safe {
			m.setStatus("Screen-safe: private notes and feedback are hidden", false)
		} else {
			m.setStatus("Screen-safe off: everything is shown", false)
		}
		return m.broadcast(safeModeMsg{})
	case key.Matches(msg, k.Global.Week):
		if m.page == pageWeek {
			m.page = m.weekFrom
		} else {
			m.weekFrom, m.page = m.page, pageWeek
			return m.week.Reload()
		}
		return nil
	case key.Matches(msg, k.Week.Back) && m.page == pageWeek:
		m.page = m.weekFrom
		return nil
	case key.Matches(msg, k.Card.Back) && m.page == pageDetail:
		m.page, m.detailFrom = m.detailFrom, pageList
		return nil
	case key.Matches(msg, k.Customer.Add) && m.page != pageWeek:
		return m.openForm(customerForm(m.c, nil), true)
	}

	if m.page == pageDetail {
		if cmd, ok := m.cardAction(msg); ok {
			return cmd
		}
	}
	if m.page != pageWeek {
		if cmd, ok := m.customerAction(msg); ok {
			return cmd
		}
	}
	_, cmd := cur.Update(msg)
	return cmd
}

type initer interface{ Init() tea.Cmd }

func (m *Model) openForm(f Component, opens bool) tea.Cmd {
	m.form, m.formOpens = f, opens
	m.layout()
	cmd := m.openDraft()
	if i, ok := f.(initer); ok {
		return tea.Batch(i.Init(), cmd)
	}
	return cmd
}
