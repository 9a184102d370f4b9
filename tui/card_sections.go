package tui

import (
	"fmt"
	"strings"

	"regulars/model"
	"regulars/store"
)

// renderCard draws a customer's card for a given width, a section at a
// time: the title, the talking points, then the history. Every piece of
// notebook text goes through clean or cleanLines here, and every section
// asks c.Hides what screen-safe mode keeps off the screen.
func renderCard(c *Common, card *store.Card, width int) string {
	h := history{st: c.Styles, width: width, today: c.Today()}
	return cardTitle(c, card.Customer, width) +
		talkingPoints(c, card, width) +
		h.notes(c, card.Notes) +
		h.visits(card) +
		h.thankYous(card.ThankYous) +
		h.feedback(c, card.Feedback) +
		h.outreach(card.Outreach) +
		h.contact(card.Customer) +
		cardFooter(c, card.Customer)
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
			lab = p.st.Label.Render(fit(label, p.labelW))
		}
		p.lines = append(p.lines, lab+" "+l)
	}
}

// talkingPoints is the box to glance at across the counter: family, the
// usual order, interests, the birthday, the last visit, what to ask about
// and the latest notes.
func talkingPoints(c *Common, card *store.Card, width int) string {
	st := c.Styles
	today := c.Today()
	cu := card.Customer
	cardW := min(width, 100)
	inner := cardW - 4 // border and padding
	p := &points{st: st, labelW: 10, valW: max(inner-10-1, 10)}

	// Labelled one by one: "Family Dominik" left the reader to guess who
	// Dominik is. "Interests" is the word the form and the command line use.
	p.add("Partner", clean(cu.Partner))
	p.add("Children", clean(cu.Children))
	p.add("Usual", clean(cu.Usual))
	p.add("Interests", clean(cu.Interests))
	if !cu.Birthday.IsZero() {
		bd := model.BirthdayLine(cu.Birthday, today)
		if model.BirthdaySoon(cu.Birthday, today) {
			bd = st.Birthday.Render(bd)
		}
		p.add("Birthday", bd)
	}
	p.add("Last seen", lastSeenPoint(c, card))
	asked := askAboutPoints(c, p, card.FollowUps)
	latest := latestPoints(c, p, card.Notes, asked)
	if len(asked) == 0 && latest == 0 && cu.Partner == "" && cu.Children == "" && cu.Usual == "" && cu.Interests == "" && cu.Birthday.IsZero() {
		k := c.Keys.Customer
		p.lines = append(p.lines, st.Subtle.Render(wrap("Nothing noted yet: "+keyName(k.Note)+" adds a note, "+
			keyName(k.Edit)+" fills in the details.", inner)))
	}
	return st.Card.Width(cardW).Render(st.CardTitle.Render("Talking points")+"\n"+strings.Join(p.lines, "\n")) + "\n"
}

// lastSeenPoint is the last visit, how many there were and this year's
// spend.
func lastSeenPoint(c *Common, card *store.Card) string {
	v := card.LastVisit
	if v == nil {
		return c.Styles.Subtle.Render("no visit yet")
	}
	s := model.Ago(v.On, c.Today()) + " (" + v.On.ShortIn(c.Today()) + ")"
	if v.What != "" {
		s += ": " + clean(v.What)
	}
	if v.Cents > 0 {
		s += ", " + model.FormatCents(v.Cents)
	}
	s += " · " + model.Plural(card.VisitCount, "visit", "visits")
	if card.SpendYear > 0 {
		s += " · " + model.FormatCents(card.SpendYear) + " this year"
	}
	return s
}

// askAboutPoints adds up to three open follow-ups that may be shown and
// returns the ones it added, so that "Latest" does not repeat them.
func askAboutPoints(c *Common, p *points, followUps []model.Note) map[int64]bool {
	st, today := c.Styles, c.Today()
	asked := map[int64]bool{}
	for _, n := range followUps {
		if c.Hides(n) {
			continue
		}
		label := ""
		if len(asked) == 0 {
			label = "Ask about"
		}
		when := ""
		if n.AskOn.After(today) {
			when = st.Subtle.Render(" (from " + n.AskOn.ShortIn(today) + ")")
		}
		p.add(label, st.AskAbout.Render("▸ ")+firstLine(cleanLines(n.Text))+when)
		asked[n.ID] = true
		if len(asked) == 3 {
			break
		}
	}
	return asked
}

// latestPoints adds the two newest notes that may be shown and are not
// already under "Ask about"; it returns how many it added.
func latestPoints(c *Common, p *points, notes []model.Note, asked map[int64]bool) int {
	st, today := c.Styles, c.Today()
	latest := 0
	for _, n := range notes {
		if c.Hides(n) || asked[n.ID] {
			continue
		}
		label := ""
		if latest == 0 {
			label = "Latest"
		}
		p.add(label, "• "+firstLine(cleanLines(n.Text))+st.Subtle.Render(" · "+model.Ago(model.DateOf(n.Created.Local()), today)))
		latest++
		if latest == 2 {
			break
		}
	}
	return latest
}

// history draws the sections under the box: a heading, then entries of a
// date and a text wrapped beside it. Dates carry their year when it is not
// this year's, as the command line's show does.
type history struct {
	st    *Styles
	width int
	today model.Date
}

func (h history) section(name string) string {
	return "\n " + h.st.Section.Render(name) + "\n"
}

// entry is one dated line of a section.
type entry struct{ date, text string }

// entries draws a section's entries with the date column as wide as its
// widest date, so that "due Thu 27 Nov 2025" is never cut mid-date.
func (h history) entries(es []entry) string {
	dw := 13
	for _, e := range es {
		dw = max(dw, len([]rune(e.date)))
	}
	var b strings.Builder
	for _, e := range es {
		for i, l := range strings.Split(wrap(e.text, max(h.width-dw-3, 20)), "\n") {
			lab := strings.Repeat(" ", dw)
			if i == 0 {
				lab = h.st.Label.Render(fit(e.date, dw))
			}
			b.WriteString("  " + lab + " " + l + "\n")
		}
	}
	return b.String()
}

func (h history) day(d model.Date) string { return d.ShortIn(h.today) }

// notes is every note that may be shown, newest first, with its marks.
func (h history) notes(c *Common, all []model.Note) string {
	st := h.st
	var notes []model.Note
	for _, n := range all {
		if !c.Hides(n) {
			notes = append(notes, n)
		}
	}
	s := h.section(fmt.Sprintf("Notes (%d)", len(notes)))
	if len(notes) == 0 {
		s += "  " + st.Subtle.Render("none yet") + "\n"
	}
	var es []entry
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
				marks = append(marks, st.AskAbout.Render("ask on "+h.day(n.AskOn)))
			}
		}
		if len(marks) > 0 {
			text += "  [" + strings.Join(marks, ", ") + "]"
		}
		es = append(es, entry{h.day(model.DateOf(n.Created.Local())), text})
	}
	return s + h.entries(es)
}

// visits is the visits, newest first, with what they spent.
func (h history) visits(card *store.Card) string {
	if len(card.Visits) == 0 {
		return ""
	}
	s := h.section(fmt.Sprintf("Visits (%d)", card.VisitCount))
	var es []entry
	for _, v := range card.Visits {
		line := fitRight(model.FormatCents(v.Cents), 9)
		if v.What != "" {
			line += "  " + clean(v.What)
		}
		es = append(es, entry{h.day(v.On), line})
	}
	return s + h.entries(es)
}

// thankYous is the thank-yous owed and sent.
func (h history) thankYous(ts []model.ThankYou) string {
	if len(ts) == 0 {
		return ""
	}
	st := h.st
	s := h.section("Thank-yous")
	var es []entry
	for _, t := range ts {
		state := st.AskAbout.Render("owed")
		if t.Sent {
			state = st.Subtle.Render("sent " + h.day(model.DateOf(t.SentAt.Local())))
		}
		es = append(es, entry{"due " + h.day(t.Due), clean(t.Reason) + "  [" + state + "]"})
	}
	return s + h.entries(es)
}

// feedback is what the customer said, with the stars and whether it was
// answered; what screen-safe mode hides is one line saying so.
func (h history) feedback(c *Common, fs []model.Feedback) string {
	if len(fs) == 0 {
		return ""
	}
	st := h.st
	s := h.section("Feedback")
	hidden := false
	var es []entry
	for _, f := range fs {
		if c.Hides(f) {
			hidden = true
			continue
		}
		stars := strings.Repeat("★", f.Rating) + strings.Repeat("☆", 5-f.Rating)
		// Red says "needs a reply"; once answered it is history, not alarm.
		if f.Rating <= model.UnhappyRating && !f.Replied {
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
		es = append(es, entry{h.day(f.On), line})
	}
	s += h.entries(es)
	if hidden {
		s += "  " + st.PrivateMark.Render("hidden in screen-safe mode ("+keyName(c.Keys.Global.Safe)+" shows it)") + "\n"
	}
	return s
}

// outreach is the cards, calls and messages sent.
func (h history) outreach(sent []model.Outreach) string {
	if len(sent) == 0 {
		return ""
	}
	s := h.section("Outreach")
	var es []entry
	for _, o := range sent {
		line := clean(o.Words())
		if o.Note != "" {
			line += " · " + cleanLines(o.Note)
		}
		es = append(es, entry{h.day(o.On), line})
	}
	return s + h.entries(es)
}

// contact is the phone, the e-mail and the anniversary.
func (h history) contact(cu model.Customer) string {
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
	if len(contact) == 0 {
		return ""
	}
	return h.section("Contact") + "  " + wrap(strings.Join(contact, " · "), h.width-4) + "\n"
}

// cardFooter is the customer's number and since when they are in the
// notebook.
func cardFooter(c *Common, cu model.Customer) string {
	return "\n " + c.Styles.Subtle.Render(fmt.Sprintf("#%d · in the notebook since %s", cu.ID, model.DateOf(cu.Created.Local()).ShortIn(c.Today())))
}
