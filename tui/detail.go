package tui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"regulars/model"
	"regulars/store"
)

// Detail is one customer: the talking-points card first, for a glance at the
// counter, then the notes timeline, visits, thank-yous, feedback and
// outreach, scrollable.
type Detail struct {
	c *Common

	id   int64
	card *store.Card
	err  error
	seq  int

	vp            viewport.Model
	width, height int
}

type cardMsg struct {
	seq  int
	id   int64
	card *store.Card
	err  error
}

// NewDetail returns an empty detail; Load fills it.
func NewDetail(c *Common) *Detail {
	vp := viewport.New()
	vp.KeyMap = viewport.KeyMap{} // keys come from our KeyMap
	vp.SoftWrap = false
	return &Detail{c: c, vp: vp, width: 80, height: 20}
}

// Load asks for a customer's card. A card already on screen for the same
// customer stays (and keeps its scroll) until the new one arrives.
func (d *Detail) Load(id int64) tea.Cmd {
	if id != d.id {
		d.card, d.err = nil, nil
		d.vp.GotoTop()
	}
	d.id = id
	d.seq++
	seq, s, ctx := d.seq, d.c.Store, d.c.Ctx
	d.render()
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, queryTimeout)
		defer cancel()
		card, err := s.Card(ctx, id)
		return cardMsg{seq: seq, id: id, card: card, err: err}
	}
}

// Customer returns the customer on screen, once loaded.
func (d *Detail) Customer() (model.Customer, bool) {
	if d.card == nil {
		return model.Customer{}, false
	}
	return d.card.Customer, true
}

// ID is the customer the detail shows or is loading.
func (d *Detail) ID() int64 { return d.id }

// SetSize implements Component.
func (d *Detail) SetSize(w, h int) {
	d.width, d.height = w, h
	d.vp.SetWidth(w)
	d.vp.SetHeight(h)
	d.render()
}

// Capturing implements Component.
func (d *Detail) Capturing() bool { return false }

// Update implements Component.
func (d *Detail) Update(msg tea.Msg) (Component, tea.Cmd) {
	k := d.c.Keys.Move
	switch msg := msg.(type) {
	case cardMsg:
		if msg.seq != d.seq {
			return d, nil
		}
		d.card, d.err = msg.card, msg.err
		d.render()
	case dataChangedMsg:
		if d.id != 0 {
			return d, d.Load(d.id)
		}
	case safeModeMsg, themeMsg:
		d.render()
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Up):
			d.vp.ScrollUp(1)
		case key.Matches(msg, k.Down):
			d.vp.ScrollDown(1)
		case key.Matches(msg, k.Top):
			d.vp.GotoTop()
		case key.Matches(msg, k.Bottom):
			d.vp.GotoBottom()
		case key.Matches(msg, k.PageUp):
			d.vp.PageUp()
		case key.Matches(msg, k.PageDown):
			d.vp.PageDown()
		}
	case tea.MouseWheelMsg:
		var cmd tea.Cmd
		d.vp, cmd = d.vp.Update(msg)
		return d, cmd
	}
	return d, nil
}

// View implements Component.
func (d *Detail) View() string {
	return padLines(d.vp.View(), d.width, d.height)
}

// render rebuilds the scrollable content from the card; it runs when the
// card, the size, the mode or the theme changes, not on every frame.
func (d *Detail) render() {
	st := d.c.Styles
	switch {
	case d.err != nil:
		d.vp.SetContent("\n  " + st.StatusErr.Render(model.ErrorMessage(d.err)))
		return
	case d.card == nil:
		d.vp.SetContent("\n  " + st.Subtle.Render("Loading…"))
		return
	}
	d.vp.SetContent(renderCard(d.c, d.card, d.width))
}

// renderCard draws a customer's card for a given width. Every piece of
// notebook text goes through clean or cleanLines here.
func renderCard(c *Common, card *store.Card, width int) string {
	st := c.Styles
	today := c.Today()
	cu := card.Customer
	var b strings.Builder

	// Title line.
	title := st.Title.Render(clean(cu.Name))
	if cu.Nickname != "" {
		title += st.Subtle.Render(" “" + clean(cu.Nickname) + "”")
	}
	if len(cu.Tags) > 0 {
		tags := make([]string, len(cu.Tags))
		for i, t := range cu.Tags {
			tags[i] = clean(t)
		}
		title += "  " + st.Tags.Render(strings.Join(tags, ", "))
	}
	if cu.Archived {
		title += "  " + st.Unhappy.Render("(archived)")
	}
	b.WriteString(" " + cut(title, width-2) + "\n")

	// The talking points.
	cardW := min(width, 100)
	inner := cardW - 4 // border and padding
	labelW := 10
	valW := max(inner-labelW-1, 10)
	var pts []string
	point := func(label, value string) {
		if value == "" {
			return
		}
		lines := strings.Split(wrap(value, valW), "\n")
		for i, l := range lines {
			lab := strings.Repeat(" ", labelW)
			if i == 0 {
				lab = st.Label.Render(fit(label, labelW))
			}
			pts = append(pts, lab+" "+l)
		}
	}
	family := clean(cu.Partner)
	if cu.Children != "" {
		if family != "" {
			family += " · "
		}
		family += "kids: " + clean(cu.Children)
	}
	point("Family", family)
	point("Usual", clean(cu.Usual))
	point("Into", clean(cu.Interests))
	if !cu.Birthday.IsZero() {
		bd := birthdayLine(cu.Birthday, today)
		if daysToBirthday(cu.Birthday, today) <= birthdayWindow {
			bd = st.Birthday.Render(bd)
		}
		point("Birthday", bd)
	}
	if card.LastVisit != nil {
		v := card.LastVisit
		s := ago(v.On, today) + " (" + v.On.Short() + ")"
		if v.What != "" {
			s += ": " + clean(v.What)
		}
		if v.Cents > 0 {
			s += ", " + model.FormatCents(v.Cents)
		}
		s += " · " + plural(card.VisitCount, "visit", "visits")
		if card.SpendYear > 0 {
			s += " · " + model.FormatCents(card.SpendYear) + " this year"
		}
		point("Last seen", s)
	} else {
		point("Last seen", st.Subtle.Render("no visit yet"))
	}
	asks := 0
	asked := map[int64]bool{}
	for _, n := range card.FollowUps {
		if n.Private && c.Safe {
			continue
		}
		label := ""
		if asks == 0 {
			label = "Ask about"
		}
		when := ""
		if n.AskOn.After(today) {
			when = st.Subtle.Render(" (from " + n.AskOn.Short() + ")")
		}
		point(label, st.AskAbout.Render("▸ ")+firstLine(cleanLines(n.Text))+when)
		asked[n.ID] = true
		asks++
		if asks == 3 {
			break
		}
	}
	latest := 0
	for _, n := range card.Notes {
		if n.Private && c.Safe || asked[n.ID] {
			continue // hidden, or already under "Ask about"
		}
		label := ""
		if latest == 0 {
			label = "Latest"
		}
		point(label, "• "+firstLine(cleanLines(n.Text))+st.Subtle.Render(" · "+ago(model.DateOf(n.Created.Local()), today)))
		latest++
		if latest == 2 {
			break
		}
	}
	if asks == 0 && latest == 0 && family == "" && cu.Usual == "" && cu.Interests == "" && cu.Birthday.IsZero() {
		pts = append(pts, st.Subtle.Render(wrap("Nothing noted yet: n adds a note, e fills in the details.", inner)))
	}
	box := st.Card.Width(cardW).Render(st.CardTitle.Render("Talking points") + "\n" + strings.Join(pts, "\n"))
	b.WriteString(box + "\n")

	// The history.
	section := func(name string) {
		b.WriteString("\n " + st.Section.Render(name) + "\n")
	}
	textW := max(width-16, 20)
	entry := func(date, text string) {
		lines := strings.Split(wrap(text, textW), "\n")
		for i, l := range lines {
			lab := strings.Repeat(" ", 13)
			if i == 0 {
				lab = st.Label.Render(fit(date, 13))
			}
			b.WriteString("  " + lab + " " + l + "\n")
		}
	}

	var notes []model.Note
	for _, n := range card.Notes {
		if n.Private && c.Safe {
			continue
		}
		notes = append(notes, n)
	}
	section(fmt.Sprintf("Notes (%d)", len(notes)))
	if len(notes) == 0 {
		b.WriteString("  " + st.Subtle.Render("none yet") + "\n")
	}
	for _, n := range notes {
		text := cleanLines(n.Text)
		var marks []string
		if n.Private {
			marks = append(marks, st.PrivateMark.Render("private"))
		}
		if !n.AskOn.IsZero() {
			if n.Asked {
				marks = append(marks, st.Subtle.Render("asked"))
			} else {
				marks = append(marks, st.AskAbout.Render("ask on "+n.AskOn.Short()))
			}
		}
		if len(marks) > 0 {
			text += "  [" + strings.Join(marks, ", ") + "]"
		}
		entry(model.DateOf(n.Created.Local()).Short(), text)
	}

	if len(card.Visits) > 0 {
		section(fmt.Sprintf("Visits (%d)", card.VisitCount))
		for _, v := range card.Visits {
			s := fitRight(model.FormatCents(v.Cents), 9)
			if v.What != "" {
				s += "  " + clean(v.What)
			}
			entry(v.On.Short(), s)
		}
	}

	if len(card.ThankYous) > 0 {
		section("Thank-yous")
		for _, t := range card.ThankYous {
			state := st.AskAbout.Render("owed")
			if t.Sent {
				state = st.Subtle.Render("sent " + model.DateOf(t.SentAt.Local()).Short())
			}
			entry("due "+t.Due.Short(), clean(t.Reason)+"  ["+state+"]")
		}
	}

	if len(card.Feedback) > 0 {
		section("Feedback")
		if c.Safe {
			b.WriteString("  " + st.PrivateMark.Render("hidden in screen-safe mode (p shows it)") + "\n")
		} else {
			for _, f := range card.Feedback {
				stars := strings.Repeat("★", f.Rating) + strings.Repeat("☆", 5-f.Rating)
				if f.Rating <= model.UnhappyRating {
					stars = st.Unhappy.Render(stars)
				}
				s := stars
				if f.Comment != "" {
					s += "  " + cleanLines(f.Comment)
				}
				switch {
				case f.Replied:
					s += "  [" + st.Subtle.Render("replied") + "]"
				case f.Rating <= model.UnhappyRating:
					s += "  [" + st.Unhappy.Render("needs a reply") + "]"
				}
				entry(f.On.Short(), s)
			}
		}
	}

	if len(card.Outreach) > 0 {
		section("Outreach")
		for _, o := range card.Outreach {
			s := string(o.Channel)
			if o.About != "" {
				s += ": " + clean(o.About)
			}
			if o.Note != "" {
				s += " · " + cleanLines(o.Note)
			}
			entry(o.On.Short(), s)
		}
	}

	var contact []string
	if cu.Phone != "" {
		contact = append(contact, "phone "+clean(cu.Phone))
	}
	if cu.Email != "" {
		contact = append(contact, clean(cu.Email))
	}
	if !cu.Anniversary.IsZero() {
		contact = append(contact, "anniversary "+cu.Anniversary.Human())
	}
	if len(contact) > 0 {
		section("Contact")
		b.WriteString("  " + wrap(strings.Join(contact, " · "), width-4) + "\n")
	}
	b.WriteString("\n " + st.Subtle.Render(fmt.Sprintf("#%d · in the notebook since %s", cu.ID, model.DateOf(cu.Created.Local()).Short())))
	return b.String()
}

// wrap wraps text to width cells, keeping its line breaks.
func wrap(s string, width int) string {
	if width <= 0 {
		return s
	}
	return lipgloss.Wrap(s, width, " ")
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

// ShortHelp implements Component.
func (d *Detail) ShortHelp() []key.Binding {
	k := d.c.Keys
	if d.card != nil && d.card.Customer.Archived {
		return []key.Binding{k.Card.Back, k.Move.Down}
	}
	return []key.Binding{k.Customer.Note, k.Customer.Visit, k.Customer.Edit, k.Card.Back}
}

// FullHelp implements Component.
func (d *Detail) FullHelp() [][]key.Binding {
	mv, cu, back := d.c.Keys.Move, d.c.Keys.Customer, d.c.Keys.Card.Back
	if d.card != nil && d.card.Customer.Archived {
		return [][]key.Binding{{mv.Up, mv.Down, mv.Top, mv.Bottom}, {back}}
	}
	return [][]key.Binding{
		{mv.Up, mv.Down, mv.Top, mv.Bottom, mv.PageDown},
		{cu.Note, cu.Visit, cu.Thanks, cu.Feedback},
		{cu.Edit, cu.Archive, back},
	}
}
