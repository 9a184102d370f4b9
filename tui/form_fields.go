package tui

import (
	"context"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"regulars/model"
)

// FieldForm is a form of one-line fields: add or edit a customer, a visit,
// a thank-you, feedback. A field that does not parse shows why next to it and
// nothing typed is cleared; esc asks before dropping typed text.
type FieldForm struct {
	c     *Common
	title string

	labels  []string
	hints   []string
	limits  []int // characters a field may hold; longer is refused on save
	inputs  []textinput.Model
	initial []string
	errs    []string
	formErr string
	notice  string // a word about the form, e.g. a draft restored
	focus   int

	// customerID and draftName key the form's draft; 0 keeps none.
	customerID int64
	draftName  string

	confirmDrop bool
	saving      bool

	check checkFunc

	width, height int
}

// fieldSpec is one field of a form.
type fieldSpec struct {
	label, value, placeholder, hint string
	limit                           int
}

// checkFunc reads the typed values. It returns a message per field that
// does not parse (by index), or the write to run.
type checkFunc func(vals []string) (map[int]string, writeFunc)

// writeFunc writes the form's record and says what to tell the owner.
type writeFunc func(ctx context.Context) (FormDoneMsg, error)

type formSavedMsg struct {
	done FormDoneMsg
	err  error
}

func newFieldForm(c *Common, title string, specs []fieldSpec, check checkFunc) *FieldForm {
	f := &FieldForm{c: c, title: title, check: check, width: 80, height: 20}
	for _, s := range specs {
		ti := textinput.New()
		ti.Prompt = ""
		ti.Placeholder = s.placeholder
		limit := s.limit
		if limit == 0 {
			limit = model.MaxFieldLen
		}
		// No limit in the widget: it cuts silently what is typed or pasted
		// past it. A value too long is refused on save with a message.
		ti.CharLimit = 0
		ti.SetStyles(c.Styles.Input)
		ti.SetValue(s.value)
		f.labels = append(f.labels, s.label)
		f.hints = append(f.hints, s.hint)
		f.limits = append(f.limits, limit)
		f.inputs = append(f.inputs, ti)
		f.initial = append(f.initial, ti.Value())
	}
	f.errs = make([]string, len(specs))
	return f
}

// Init focuses the field the form opens on (the first unless its maker
// chose another).
func (f *FieldForm) Init() tea.Cmd { return f.inputs[f.focus].Focus() }

// SetSize implements Component.
func (f *FieldForm) SetSize(w, h int) {
	f.width, f.height = w, h
	for i := range f.inputs {
		f.inputs[i].SetWidth(max(min(w-f.labelWidth()-4, 60), 10))
	}
}

// Capturing implements Component.
func (f *FieldForm) Capturing() bool { return true }

// Dirty reports whether anything was typed.
func (f *FieldForm) Dirty() bool {
	for i, in := range f.inputs {
		if in.Value() != f.initial[i] {
			return true
		}
	}
	return false
}

// roomForHints reports whether a hint line fits under the focused field
// along with every error and the form's own message.
func (f *FieldForm) roomForHints() bool {
	n := 0
	for _, e := range f.errs {
		if e != "" {
			n++
		}
	}
	return len(f.inputs)+n+7 <= f.height
}

func (f *FieldForm) labelWidth() int {
	w := 0
	for _, l := range f.labels {
		w = max(w, len(l))
	}
	return w + 1
}

func (f *FieldForm) values() []string {
	vals := make([]string, len(f.inputs))
	for i, in := range f.inputs {
		vals[i] = in.Value()
	}
	return vals
}

func (f *FieldForm) setFocus(i int) tea.Cmd {
	n := len(f.inputs)
	i = (i%n + n) % n
	f.inputs[f.focus].Blur()
	f.focus = i
	return f.inputs[i].Focus()
}

func (f *FieldForm) save() tea.Cmd {
	if f.saving {
		return nil
	}
	vals := f.values()
	errs, write := f.check(vals)
	for i, v := range vals {
		if n := utf8.RuneCountInString(strings.TrimSpace(v)); n > f.limits[i] {
			if errs == nil {
				errs = map[int]string{}
			}
			errs[i] = "too long: " + model.Plural(n, "character", "characters") + ", at most " + model.Thousands(int64(f.limits[i]))
			write = nil
		}
	}
	first := -1
	for i := range f.errs {
		f.errs[i] = errs[i]
		if errs[i] != "" && first < 0 {
			first = i
		}
	}
	f.formErr = ""
	if first >= 0 {
		return f.setFocus(first)
	}
	f.saving = true
	ctx := f.c.Ctx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, queryTimeout)
		defer cancel()
		done, err := write(ctx)
		return formSavedMsg{done: done, err: err}
	}
}

// Update implements Component.
func (f *FieldForm) Update(msg tea.Msg) (Component, tea.Cmd) {
	k, yn := f.c.Keys.Form, f.c.Keys.Confirm
	switch msg := msg.(type) {
	case formSavedMsg:
		f.saving = false
		if msg.err != nil {
			// Everything typed stays; say what went wrong and let them retry.
			f.formErr = model.ErrorMessage(msg.err)
			return f, nil
		}
		done := msg.done
		done.Saved = true
		return f, func() tea.Msg { return done }
	case themeMsg:
		for i := range f.inputs {
			f.inputs[i].SetStyles(f.c.Styles.Input)
		}
		return f, nil
	case tea.KeyPressMsg:
		if f.confirmDrop {
			switch {
			case key.Matches(msg, yn.Yes):
				return f, func() tea.Msg { return FormDoneMsg{} }
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
			return f, func() tea.Msg { return FormDoneMsg{} }
		case key.Matches(msg, k.Next):
			return f, f.setFocus(f.focus + 1)
		case key.Matches(msg, k.Prev):
			return f, f.setFocus(f.focus - 1)
		case key.Matches(msg, k.Enter):
			if f.focus == len(f.inputs)-1 {
				return f, f.save()
			}
			return f, f.setFocus(f.focus + 1)
		}
	}
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	return f, cmd
}

// View implements Component.
func (f *FieldForm) View() string {
	st := f.c.Styles
	var b strings.Builder
	b.WriteString(" " + st.FormTitle.Render(cut(f.title, f.width-2)) + "\n\n")
	lw := f.labelWidth()
	for i, in := range f.inputs {
		label := fit(f.labels[i], lw)
		if i == f.focus {
			label = st.FieldFocused.Render("▸ " + label)
		} else {
			label = st.FieldLabel.Render("  " + label)
		}
		b.WriteString(cut(label+" "+in.View(), f.width) + "\n")
		// The reason a field was refused stands right under it.
		// It wraps under the field rather than being cut mid-word.
		indent := strings.Repeat(" ", lw+3)
		under := func(style lipgloss.Style, s string) {
			for _, l := range strings.Split(wrapWords(s, max(f.width-lw-4, 20)), "\n") {
				b.WriteString(cut(indent+style.Render(l), f.width) + "\n")
			}
		}
		switch {
		case f.errs[i] != "":
			under(st.FieldError, "✗ "+f.errs[i])
		case i == f.focus && f.hints[i] != "" && f.roomForHints():
			under(st.Hint, f.hints[i])
		}
	}
	b.WriteString("\n")
	switch {
	case f.confirmDrop:
		yn := f.c.Keys.Confirm
		b.WriteString(" " + st.Prompt.Render(" Drop what you typed? "+keyName(yn.Yes)+" drops it · "+keyName(yn.No)+" keeps it ") + "\n")
	case f.saving:
		b.WriteString(" " + st.Subtle.Render("Saving…") + "\n")
	case f.notice != "":
		b.WriteString(" " + st.Subtle.Render(cut(f.notice, f.width-2)) + "\n")
	case f.formErr != "":
		b.WriteString(" " + st.FieldError.Render("Not saved: "+cut(f.formErr, f.width-14)) + "\n")
		b.WriteString(" " + st.Subtle.Render("Everything you typed is still here; fix it and press "+keyName(f.c.Keys.Form.Save)+".") + "\n")
	}
	return padLines(b.String(), f.width, f.height)
}

// ShortHelp implements Component.
func (f *FieldForm) ShortHelp() []key.Binding {
	k := f.c.Keys.Form
	if f.confirmDrop {
		return []key.Binding{f.c.Keys.Confirm.Yes, f.c.Keys.Confirm.No}
	}
	return []key.Binding{k.Save, k.Next, k.Cancel}
}

// FullHelp implements Component.
func (f *FieldForm) FullHelp() [][]key.Binding {
	k := f.c.Keys.Form
	return [][]key.Binding{{k.Save, k.Cancel}, {k.Next, k.Prev}}
}

// splitTags reads "oat milk, regular" into tags.
func splitTags(s string) []string {
	var tags []string
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	return model.NormalizeTags(tags)
}
