package tui

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"regulars/model"
)

// NoteForm is where the owner types a note after a conversation. Nothing
// typed is lost: ctrl+s saves, a failed save keeps the text and says why,
// esc asks before dropping typed text, ctrl+e hands the text to $EDITOR and
// takes it back.
type NoteForm struct {
	c          *Common
	customerID int64
	name       string // sanitized, for the title
	note       *model.Note

	text    textBox
	askOn   textinput.Model
	private bool
	focus   int // noteText, noteAskOn or notePrivate

	textErr, askErr, saveErr string
	notice                   string // a word about the form, e.g. a draft restored
	initialText, initialAsk  string
	initialPrivate           bool

	confirmDrop bool
	saving      bool

	width, height int
}

const (
	noteText = iota
	noteAskOn
	notePrivate
	noteFields
)

type noteSavedMsg struct {
	note *model.Note
	err  error
}

type editorDoneMsg struct {
	text string
	err  error
}

// newNoteForm opens a form for a new note (n == nil) or to edit one.
func newNoteForm(c *Common, customerID int64, name string, n *model.Note) *NoteForm {
	ta := newTextBox(c.Keys.Text, c.Styles.Textarea)
	ta.Prompt = "┃ "
	ta.Placeholder = "What did you talk about? Family news, plans, what to ask next time…"
	// No limit in the box: a note that is too long is refused on save with
	// a message, never cut while typing or coming back from the editor.

	ai := textinput.New()
	ai.Prompt = ""
	ai.Placeholder = "optional: a day to ask about it (tomorrow, MM-DD, YYYY-MM-DD)"
	ai.CharLimit = 40
	ai.SetStyles(c.Styles.Input)

	f := &NoteForm{c: c, customerID: customerID, name: name, text: ta, askOn: ai, note: n, width: 80, height: 20}
	if n != nil {
		f.text.SetValue(cleanLines(n.Text))
		if !n.AskOn.IsZero() {
			f.askOn.SetValue(n.AskOn.String())
		}
		f.private = n.Private
	}
	f.initialText, f.initialAsk, f.initialPrivate = f.text.Value(), f.askOn.Value(), f.private
	return f
}

// Init focuses the text.
func (f *NoteForm) Init() tea.Cmd { return f.text.Focus() }

// Text is what is typed so far.
func (f *NoteForm) Text() string { return f.text.Value() }

// Dirty reports whether anything was typed or changed.
func (f *NoteForm) Dirty() bool {
	return f.text.Value() != f.initialText || f.askOn.Value() != f.initialAsk || f.private != f.initialPrivate
}

// Capturing implements Component.
func (f *NoteForm) Capturing() bool { return true }

// SetSize implements Component.
func (f *NoteForm) SetSize(w, h int) {
	f.width, f.height = w, h
	// Lines much longer than a paragraph are hard to read back.
	f.text.SetWidth(max(min(w-2, 100), 10))
	// Title, blank, text, its error line, blank, ask on, private, blank,
	// message line: the text area takes what is left.
	f.text.SetHeight(max(h-9, 3))
	f.askOn.SetWidth(max(min(w-14, 60), 10))
}

func (f *NoteForm) setFocus(i int) tea.Cmd {
	f.focus = (i%noteFields + noteFields) % noteFields
	f.text.Blur()
	f.askOn.Blur()
	switch f.focus {
	case noteText:
		return f.text.Focus()
	case noteAskOn:
		return f.askOn.Focus()
	}
	return nil
}

func (f *NoteForm) save() tea.Cmd {
	if f.saving {
		return nil
	}
	f.textErr, f.askErr, f.saveErr = "", "", ""
	text := strings.TrimRight(f.text.Value(), " \n")
	switch n := utf8.RuneCountInString(text); {
	case strings.TrimSpace(text) == "":
		f.textErr = "type the note first"
	case n > model.MaxNoteLen:
		f.textErr = "too long: " + model.Plural(n, "character", "characters") + ", at most " + model.Thousands(model.MaxNoteLen)
	}
	var askOn model.Date
	if a := strings.TrimSpace(f.askOn.Value()); a != "" {
		// Ask-on looks ahead: "01-15" in November is the coming January.
		d, err := model.ParseDateAhead(a, f.c.Today())
		if err != nil {
			f.askErr = model.ErrorMessage(err)
		}
		askOn = d
	}
	switch {
	case f.textErr != "":
		return f.setFocus(noteText)
	case f.askErr != "":
		return f.setFocus(noteAskOn)
	}
	n := &model.Note{CustomerID: f.customerID, Text: text, AskOn: askOn, Private: f.private}
	if f.note != nil {
		n.ID, n.Created, n.Asked, n.Author = f.note.ID, f.note.Created, f.note.Asked, f.note.Author
	}
	f.saving = true
	s, ctx := f.c.Store, f.c.Ctx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, queryTimeout)
		defer cancel()
		var err error
		if n.ID != 0 {
			err = s.UpdateNote(ctx, n)
		} else {
			err = s.AddNote(ctx, n)
		}
		return noteSavedMsg{note: n, err: err}
	}
}

// Update implements Component.
func (f *NoteForm) Update(msg tea.Msg) (Component, tea.Cmd) {
	k, yn := f.c.Keys.Note, f.c.Keys.Confirm
	switch msg := msg.(type) {
	case noteSavedMsg:
		f.saving = false
		if msg.err != nil {
			f.saveErr = model.ErrorMessage(msg.err)
			return f, nil
		}
		status := "Note saved for " + f.name
		if !msg.note.AskOn.IsZero() {
			status += ", to ask about on " + msg.note.AskOn.Short()
		}
		ch := added(f.customerID, msg.note.RecordID(), "the note")
		if f.note != nil {
			prev := *f.note
			ch = edited(f.customerID, model.Record{Note: &prev}, "the note")
		}
		return f, func() tea.Msg {
			return FormDoneMsg{Saved: true, CustomerID: f.customerID, Status: status, change: ch}
		}
	case editorDoneMsg:
		if msg.err != nil {
			f.saveErr = "the editor did not finish (" + msg.err.Error() + "); the text is as it was"
			return f, f.setFocus(noteText)
		}
		f.saveErr = ""
		f.text.SetValue(cleanLines(msg.text))
		return f, f.setFocus(noteText)
	case themeMsg:
		f.text.SetStyles(f.c.Styles.Textarea)
		f.askOn.SetStyles(f.c.Styles.Input)
		return f, nil
	case tea.KeyPressMsg:
		if f.confirmDrop {
			switch {
			case key.Matches(msg, yn.Yes):
				return f, func() tea.Msg { return FormDoneMsg{CustomerID: f.customerID, Status: "Note dropped"} }
			case key.Matches(msg, yn.No):
				f.confirmDrop = false
			}
			return f, nil
		}
		if f.saving {
			return f, nil
		}
		switch {
		case key.Matches(msg, k.Save):
			return f, f.save()
		case key.Matches(msg, k.Cancel):
			if f.Dirty() {
				f.confirmDrop = true
				return f, nil
			}
			return f, func() tea.Msg { return FormDoneMsg{CustomerID: f.customerID} }
		case key.Matches(msg, k.Editor):
			return f, f.openEditor()
		case key.Matches(msg, k.Next):
			return f, f.setFocus(f.focus + 1)
		case key.Matches(msg, k.Prev):
			return f, f.setFocus(f.focus - 1)
		}
		switch f.focus {
		case notePrivate:
			switch {
			case key.Matches(msg, k.Toggle):
				f.private = !f.private
			case key.Matches(msg, k.Up):
				return f, f.setFocus(noteAskOn)
			}
			return f, nil
		case noteAskOn:
			switch {
			case key.Matches(msg, k.Down):
				return f, f.setFocus(notePrivate)
			case key.Matches(msg, k.Up):
				return f, f.setFocus(noteText)
			}
		}
	}
	var cmd tea.Cmd
	switch f.focus {
	case noteText:
		cmd = f.text.Update(msg)
	case noteAskOn:
		f.askOn, cmd = f.askOn.Update(msg)
	}
	return f, cmd
}

// editorCommand is the command line for $VISUAL/$EDITOR, "vi" when unset.
func editorCommand(editor, path string) *exec.Cmd {
	args := strings.Fields(editor)
	if len(args) == 0 {
		args = []string{"vi"}
	}
	return exec.Command(args[0], append(args[1:], path)...)
}

// openEditor writes the text to a private temporary file, runs the editor on
// it with the terminal handed over, and reads the file back.
func (f *NoteForm) openEditor() tea.Cmd {
	tmp, err := os.CreateTemp("", "regulars-note-*.txt")
	if err != nil {
		f.saveErr = "cannot open the editor: " + err.Error()
		return nil
	}
	path := tmp.Name()
	_, werr := tmp.WriteString(f.text.Value())
	cerr := tmp.Close()
	if werr != nil || cerr != nil {
		os.Remove(path)
		f.saveErr = "cannot open the editor: the text could not be written to a temporary file"
		return nil
	}
	return tea.ExecProcess(editorCommand(f.c.Editor, path), func(err error) tea.Msg {
		return readBack(path, err)
	})
}

// readBack reads the edited file and removes it. When the editor failed the
// text is not taken (vim's :cq means "never mind").
func readBack(path string, runErr error) tea.Msg {
	defer os.Remove(path)
	if runErr != nil {
		return editorDoneMsg{err: runErr}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return editorDoneMsg{err: err}
	}
	return editorDoneMsg{text: strings.TrimRight(string(b), "\n")}
}

// View implements Component.
func (f *NoteForm) View() string {
	st := f.c.Styles
	var b strings.Builder
	title := "New note for " + f.name
	if f.note != nil {
		title = "Edit note for " + f.name
	}
	b.WriteString(" " + st.FormTitle.Render(cut(title, f.width-2)) + "\n\n")
	b.WriteString(f.text.View() + "\n")
	if f.textErr != "" {
		b.WriteString("  " + st.FieldError.Render("✗ "+f.textErr))
	}
	b.WriteString("\n\n")

	label := func(i int, s string) string {
		if f.focus == i {
			return st.FieldFocused.Render("▸ " + fit(s, 9))
		}
		return st.FieldLabel.Render("  " + fit(s, 9))
	}
	b.WriteString(cut(label(noteAskOn, "Ask on")+" "+f.askOn.View(), f.width) + "\n")
	if f.askErr != "" {
		b.WriteString(cut("            "+st.FieldError.Render("✗ "+f.askErr), f.width) + "\n")
	}
	box := "[ ]"
	if f.private {
		box = "[x]"
	}
	priv := label(notePrivate, "Private") + " " + st.Toggle.Render(box) + " " + st.Hint.Render("hidden in screen-safe mode ("+keyName(f.c.Keys.Note.Toggle)+" toggles)")
	b.WriteString(cut(priv, f.width) + "\n\n")
	switch {
	case f.confirmDrop:
		yn := f.c.Keys.Confirm
		b.WriteString(" " + st.Prompt.Render(" Drop this note? "+keyName(yn.Yes)+" drops it · "+keyName(yn.No)+" keeps typing "))
	case f.saving:
		b.WriteString(" " + st.Subtle.Render("Saving…"))
	case f.saveErr != "":
		b.WriteString(" " + st.FieldError.Render(cut("Not saved: "+f.saveErr+". Your text is still here.", f.width-2)))
	case f.notice != "":
		b.WriteString(" " + st.Subtle.Render(cut(f.notice, f.width-2)))
	}
	return padLines(b.String(), f.width, f.height)
}

// ShortHelp implements Component.
func (f *NoteForm) ShortHelp() []key.Binding {
	k := f.c.Keys.Note
	if f.confirmDrop {
		return []key.Binding{f.c.Keys.Confirm.Yes, f.c.Keys.Confirm.No}
	}
	return []key.Binding{k.Save, k.Cancel, k.Next, k.Editor}
}

// FullHelp implements Component.
func (f *NoteForm) FullHelp() [][]key.Binding {
	k := f.c.Keys.Note
	return [][]key.Binding{{k.Save, k.Cancel, k.Editor}, {k.Next, k.Prev, k.Toggle}}
}

// setText replaces the typed text.
func (f *NoteForm) setText(s string) { f.text.SetValue(s) }
