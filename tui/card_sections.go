package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"regulars/model"
	"regulars/store"
)

// renderCard draws a customer's card for a given width, a section at a
// time: the title, the talking points, then the history. Every piece of
// notebook text goes through clean or cleanLines here, and every section
// asks c.Hides what screen-safe mode keeps off the screen. It returns the
// history's entries with the lines they start on, for the card's cursor;
// sel is the highlighted one.
func renderCard(c *Common, card *store.Card, width int, sel model.RecordID) (string, []cardRow) {
	h := &history{st: c.Styles, width: width, today: c.Today(), sel: sel, safeKey: c.Keys.Global.Safe, label: newInline(c.Styles.Label)}
	h.write(cardTitle(c, card.Customer, width))
	h.write(talkingPoints(c, card, width))
	h.notes(c, card.Notes)
	h.visits(card)
	h.thankYous(card.ThankYous)
	h.feedback(c, card.Feedback)
	h.outreach(card.Outreach)
	h.contact(card.Customer)
	h.write(cardFooter(c, card.Customer))
	return h.b.String(), h.rows
}

// cardRow is one entry of the card's history: the record, the line it
// starts on, whether something is owed on it (an open follow-up, a
// thank-you to send, unhappy feedback to answer) and a few words naming it.
type cardRow struct {
	id         model.RecordID
	line, size int
	at         int // where its mark starts, in bytes, in the drawing that made it
	owed       bool
	what       string
}

// cardTitle is the name, the nickname, the tags and whether the customer is
// archived.
func cardTitle(c *Common, cu model.Customer, width int) string {
	st := c.Styles
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
	return " " + cut(title, width-2) + "\n"
}

// points are the lines of the talking-points box: a label, then a value
// wrapped under it.
type points struct {
	st     *Styles
	label  inline // st.Label
	labelW int
	valW   int
	lines  []string
}

func (p *points) add(label, value string) {
	if value == "" {
		return
	}
	for i, l := range strings.Split(wrap(value, p.valW), "\n") {
		lab := strings.Repeat(" ", p.labelW)
		if i == 0 {
			lab = p.label.render(fit(label, p.labelW))
		}
		p.lines = append(p.lines, lab+" "+l)
	}
}

// cardLatestNotes is how many of the latest notes the box shows; the rest
// are in the card's Notes section right below it.
const cardLatestNotes = 2

// talkingPoints is the box to glance at across the counter. Its lines are
// model.TalkingPoints, the one list the command line's show prints too:
// first what is owed (a thank-you to send, a reply to unhappy feedback, a
// follow-up to ask, a birthday or anniversary soon), then family,
// interests, the usual order, the last visit and the latest notes. What
// screen-safe mode hides at the counter is left out here.
func talkingPoints(c *Common, card *store.Card, width int) string {
	content, cardW := talkingContent(c, card, width)
	return cardBox(c.Styles.Card, cardW, content) + "\n"
}

// talkingContent is what goes inside the talking-points box, and the box's
// width.
func talkingContent(c *Common, card *store.Card, width int) (string, int) {
	st := c.Styles
	today := c.Today()
	cardW := min(width, 100)
	inner := cardW - 4 // border and padding
	p := &points{st: st, label: newInline(st.Label), labelW: 11, valW: max(inner-11-1, 10)}
	noted, notes := false, 0
	for _, tp := range model.TalkingPoints(card.TalkingInput(), today) {
		if c.Hides(tp) {
			continue
		}
		text := clean(tp.Text)
		switch tp.Kind {
		case model.PointNote:
			// The card lists every note just below the box: the box
			// keeps the two latest of the points' notes.
			if notes == cardLatestNotes {
				continue
			}
			label := ""
			if notes == 0 {
				label = "Latest"
			}
			notes++
			p.add(label, "• "+firstLine(cleanLines(tp.Text))+st.Subtle.Render(" · "+clean(tp.Label)))
			continue
		case model.PointMoreNotes:
			continue
		case model.PointLastVisit:
			if tp.Text == "never" {
				p.add(tp.Label, st.Subtle.Render("no visit yet"))
				continue
			}
		case model.PointVisits:
		default:
			noted = true
		}
		if tp.Owed {
			style := st.AskAbout
			if tp.Kind == model.PointBirthday || tp.Kind == model.PointAnniversary {
				style = st.Birthday
			}
			text = style.Render("▸ ") + style.Render(text)
		}
		p.add(tp.Label, text)
	}
	if !noted && notes == 0 {
		p.lines = append(p.lines, st.Subtle.Render(wrap("Nothing noted yet: "+keyName(c.Keys.Customer.Note)+" adds a note, "+
			keyName(c.Keys.Card.EditCustomer)+" fills in the details.", inner)))
	}
	return st.CardTitle.Render("Talking points") + "\n" + strings.Join(p.lines, "\n"), cardW
}

// cardBox is box.Width(width).Render(content) for the card's box style (a
// border and a padding, no background), drawn without lipgloss's wrapping
// and measuring pass over every cell: the box's top, sides and bottom are
// taken from the box drawn around one line as wide as its inside, and each
// line of content is padded with spaces between the sides. A line wider
// than the inside or holding a tab goes through lipgloss, which wraps and
// expands it.
func cardBox(box lipgloss.Style, width int, content string) string {
	if f, ok := boxLines(box, width, content); ok {
		return f
	}
	return box.Width(width).Render(content)
}

func boxLines(box lipgloss.Style, width int, content string) (string, bool) {
	inner := width - box.GetHorizontalFrameSize()
	if inner <= 0 || box.GetVerticalPadding() != 0 {
		return "", false
	}
	lines := strings.Split(content, "\n")
	widths := make([]int, len(lines))
	for i, l := range lines {
		widths[i] = ansi.StringWidth(l)
		if widths[i] > inner || strings.IndexByte(l, '\t') >= 0 {
			return "", false
		}
	}
	full := strings.Repeat("x", inner)
	probe := strings.Split(box.Width(width).Render(full), "\n")
	if len(probe) != 3 {
		return "", false
	}
	at := strings.Index(probe[1], full)
	if at < 0 {
		return "", false
	}
	left, right := probe[1][:at], probe[1][at+len(full):]
	var b strings.Builder
	b.Grow(len(content) + len(lines)*(len(left)+len(right)+inner) + len(probe[0]) + len(probe[2]))
	b.WriteString(probe[0])
	for i, l := range lines {
		b.WriteByte('\n')
		b.WriteString(left)
		b.WriteString(l)
		b.WriteString(strings.Repeat(" ", inner-widths[i]))
		b.WriteString(right)
	}
	b.WriteByte('\n')
	b.WriteString(probe[2])
	return b.String(), true
}

// history draws the sections under the box: a heading, then entries of a
// date and a text wrapped beside it. Dates carry their year when it is not
// this year's, as the command line's show does. It writes into b and keeps
// where each entry starts.
type history struct {
	st      *Styles
	label   inline // st.Label, for the date column
	width   int
	today   model.Date
	sel     model.RecordID
	safeKey key.Binding

	b     strings.Builder
	lines int
	rows  []cardRow
}

func (h *history) write(s string) {
	h.b.WriteString(s)
	h.lines += strings.Count(s, "\n")
}

func (h *history) section(name string) {
	h.write("\n " + h.st.Section.Render(name) + "\n")
}

// entry is one dated line of a section: the record it draws, who wrote it
// ("" for the owner), whether something is owed on it and what to call it.
type entry struct {
	id         model.RecordID
	author     string
	date, text string
	owed       bool
	what       string
}

// label is the date column: the author's name first when there is one,
// "Maya, Tue 1 Dec".
func (e entry) label() string {
	if e.author != "" {
		return clean(e.author) + ", " + e.date
	}
	return e.date
}

// entries draws a section's entries with the date column as wide as its
// widest date, so that "due Thu 27 Nov 2025" is never cut mid-date. The
// highlighted entry is marked.
func (h *history) entries(es []entry) {
	dw := 13
	for _, e := range es {
		dw = max(dw, len([]rune(e.label())))
	}
	for _, e := range es {
		row := cardRow{id: e.id, line: h.lines, owed: e.owed, what: e.what}
		lines := strings.Split(wrap(e.text, max(h.width-dw-3, 20)), "\n")
		for i, l := range lines {
			lab := strings.Repeat(" ", dw)
			if i == 0 {
				lab = h.label.render(fit(e.label(), dw))
			}
			mark := noMark
			if i == 0 {
				row.at = h.b.Len()
				if !e.id.IsZero() && e.id == h.sel {
					mark = h.st.AskAbout.Render(selMark)
				}
			}
			h.write(mark + lab + " " + l + "\n")
		}
		row.size = len(lines)
		h.rows = append(h.rows, row)
	}
}

// inline draws one line of plain text in a style as the style's Render
// does, without Render's pass over the text: the style's opening and
// closing sequences are taken once, from the style drawn around one letter.
// It is for styles of colours and weights only (the card's labels), drawn
// once per entry; text with a break, a tab or an escape, and the empty
// string, go through Render.
type inline struct {
	st         lipgloss.Style
	open, shut string
	ok         bool
}

func newInline(st lipgloss.Style) inline {
	drawn := st.Render("x")
	i := strings.IndexByte(drawn, 'x')
	if i < 0 || strings.Count(drawn, "x") != 1 {
		return inline{st: st}
	}
	return inline{st: st, open: drawn[:i], shut: drawn[i+1:], ok: true}
}

func (in inline) render(s string) string {
	if !in.ok || s == "" || strings.ContainsAny(s, "\n\r\t\x1b") {
		return in.st.Render(s)
	}
	return in.open + s + in.shut
}

// noMark starts the first line of an entry that is not highlighted,
// selMark (styled) the highlighted one's.
const noMark, selMark = "  ", "▸ "

// markRows returns the card drawn as renderCard(..., sel) draws it, from
// the card drawn with no entry highlighted and that drawing's rows: every
// entry of sel gets the mark instead of the blank it started with.
func markRows(content string, rows []cardRow, sel model.RecordID, mark string) string {
	if sel.IsZero() {
		return content
	}
	var b strings.Builder
	b.Grow(len(content) + len(mark))
	last := 0
	for _, r := range rows {
		if r.id != sel || !strings.HasPrefix(content[r.at:], noMark) {
			continue
		}
		b.WriteString(content[last:r.at])
		b.WriteString(mark)
		last = r.at + len(noMark)
	}
	b.WriteString(content[last:])
	return b.String()
}

func (h *history) day(d model.Date) string { return d.ShortIn(h.today) }

// notes is every note that may be shown, newest first, with its marks.
func (h *history) notes(c *Common, all []model.Note) {
	st := h.st
	var notes []model.Note
	for _, n := range all {
		if !c.Hides(n) {
			notes = append(notes, n)
		}
	}
	h.section(fmt.Sprintf("Notes (%d)", len(notes)))
	if len(notes) == 0 {
		h.write("  " + st.Subtle.Render("none yet") + "\n")
	}
	var es []entry
	for _, n := range notes {
		text := cleanLines(n.Text)
		var marks []string
		if n.Private {
			marks = append(marks, st.PrivateMark.Render("private"))
		}
		owed := false
		if !n.AskOn.IsZero() {
			if n.Asked {
				marks = append(marks, st.Subtle.Render("asked"))
			} else {
				owed = true
				marks = append(marks, st.AskAbout.Render("ask on "+h.day(n.AskOn)))
			}
		}
		if len(marks) > 0 {
			text += "  [" + strings.Join(marks, ", ") + "]"
		}
		es = append(es, entry{id: n.RecordID(), author: n.Author, date: h.day(model.DateOf(n.Created.Local())), text: text,
			owed: owed, what: "the note “" + cut(firstLine(cleanLines(n.Text)), 30) + "”"})
	}
	h.entries(es)
}

// visits is the visits, newest first, with what they spent.
func (h *history) visits(card *store.Card) {
	if len(card.Visits) == 0 {
		return
	}
	h.section(fmt.Sprintf("Visits (%d)", card.VisitCount))
	var es []entry
	for _, v := range card.Visits {
		line := fitRight(model.FormatCents(v.Cents), 9)
		what := "the visit of " + h.day(v.On) + ", " + model.FormatCents(v.Cents)
		if v.What != "" {
			line += "  " + clean(v.What)
			what += " " + cut(clean(v.What), 30)
		}
		es = append(es, entry{id: v.RecordID(), author: v.Author, date: h.day(v.On), text: line, what: what})
	}
	h.entries(es)
}

// thankYous is the thank-yous owed and sent.
func (h *history) thankYous(ts []model.ThankYou) {
	if len(ts) == 0 {
		return
	}
	st := h.st
	h.section("Thank-yous")
	var es []entry
	for _, t := range ts {
		state := st.AskAbout.Render("owed")
		if t.Sent {
			state = st.Subtle.Render("sent " + h.day(model.DateOf(t.SentAt.Local())))
		}
		es = append(es, entry{id: t.RecordID(), author: t.Author, date: "due " + h.day(t.Due),
			text: clean(t.Reason) + "  [" + state + "]", owed: !t.Sent, what: "the thank-you for " + cut(clean(t.Reason), 30)})
	}
	h.entries(es)
}

// feedback is what the customer said, with the stars and whether it was
// answered; what screen-safe mode hides is one line saying so.
func (h *history) feedback(c *Common, fs []model.Feedback) {
	if len(fs) == 0 {
		return
	}
	st := h.st
	h.section("Feedback")
	hidden := false
	var es []entry
	for _, f := range fs {
		if c.Hides(f) {
			hidden = true
			continue
		}
		stars := strings.Repeat("★", f.Rating) + strings.Repeat("☆", 5-f.Rating)
		unhappy := f.Rating <= model.UnhappyRating && !f.Replied
		// Red says "needs a reply"; once answered it is history, not alarm.
		if unhappy {
			stars = st.Unhappy.Render(stars)
		}
		line := stars
		if f.Comment != "" {
			line += "  " + cleanLines(f.Comment)
		}
		switch {
		case f.Replied:
			line += "  [" + st.Subtle.Render("replied") + "]"
		case f.Rating <= model.UnhappyRating:
			line += "  [" + st.Unhappy.Render("needs a reply") + "]"
		}
		es = append(es, entry{id: f.RecordID(), author: f.Author, date: h.day(f.On), text: line, owed: unhappy,
			what: fmt.Sprintf("the feedback of %s (%d of 5)", h.day(f.On), f.Rating)})
	}
	h.entries(es)
	if hidden {
		// A key that is not offered (to staff) is not named.
		how := ""
		if h.safeKey.Enabled() {
			how = " (" + keyName(h.safeKey) + " shows it)"
		}
		h.write("  " + st.PrivateMark.Render("hidden in screen-safe mode"+how) + "\n")
	}
}

// outreach is the cards, calls and messages sent.
func (h *history) outreach(sent []model.Outreach) {
	if len(sent) == 0 {
		return
	}
	h.section("Outreach")
	var es []entry
	for _, o := range sent {
		line := clean(o.Words())
		if o.Note != "" {
			line += " · " + cleanLines(o.Note)
		}
		es = append(es, entry{id: o.RecordID(), author: o.Author, date: h.day(o.On), text: line,
			what: "the outreach of " + h.day(o.On) + " (" + clean(string(o.Channel)) + ")"})
	}
	h.entries(es)
}

// contact is every phone and e-mail with its label, the preferred one of
// each first, the postal address and the anniversary.
func (h *history) contact(cu model.Customer) {
	var lines []string
	for _, list := range [][]model.Contact{cu.Phones, cu.Emails} {
		for _, ct := range model.PreferredFirst(list) {
			lines = append(lines, fit(clean(string(ct.Label)), 7)+" "+clean(ct.Value))
		}
	}
	// A card read from an older notebook may have only the single values.
	if len(cu.Phones) == 0 && cu.Phone != "" {
		lines = append(lines, fit("phone", 7)+" "+clean(cu.Phone))
	}
	if len(cu.Emails) == 0 && cu.Email != "" {
		lines = append(lines, fit("e-mail", 7)+" "+clean(cu.Email))
	}
	if !cu.Address.IsZero() {
		lines = append(lines, fit("address", 7)+" "+clean(cu.Address.String()))
	}
	if !cu.Anniversary.IsZero() {
		lines = append(lines, "anniversary "+cu.Anniversary.Human())
	}
	if len(lines) == 0 {
		return
	}
	h.section("Contact")
	for _, l := range lines {
		h.write("  " + wrap(l, h.width-4) + "\n")
	}
}

// cardFooter is the customer's number and since when they are in the
// notebook.
func cardFooter(c *Common, cu model.Customer) string {
	return "\n " + c.Styles.Subtle.Render(fmt.Sprintf("#%d · in the notebook since %s", cu.ID, model.DateOf(cu.Created.Local()).ShortIn(c.Today())))
}
