package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"regulars/model"
)

// confirmation is a y/n question in the status bar.
type confirmation struct {
	question string
	yes      func() tea.Cmd
}

type archivedMsg struct {
	id   int64
	name string
	err  error
}

type editCustomerMsg struct {
	customer *model.Customer
	err      error
}

// target is the customer a key acts on: the highlighted row or the card.
func (m *Model) target() (id int64, name string, archived, ok bool) {
	switch m.page {
	case pageList:
		r, ok := m.list.Selected()
		return r.ID, clean(r.Name), m.list.ShowingArchived(), ok
	case pageDetail:
		c, ok := m.detail.Customer()
		return c.ID, clean(c.Name), c.Archived, ok
	}
	return 0, "", false, false
}

// customerAction handles the keys that act on one customer.
func (m *Model) customerAction(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.c.Keys.Customer
	// On the card, e and d act on the highlighted entry: the customer is
	// edited and archived with the card's own keys.
	if m.page == pageDetail {
		k.Edit, k.Archive = m.c.Keys.Card.EditCustomer, m.c.Keys.Card.Archive
	}
	if !key.Matches(msg, k.Edit, k.Note, k.Visit, k.Thanks, k.Feedback, k.Archive) {
		return nil, false
	}
	id, name, archived, ok := m.target()
	if !ok {
		return nil, true
	}
	if archived {
		m.setStatus(name+" is archived; their card is read-only", true)
		if b := m.c.Keys.Card.Unarchive; b.Enabled() {
			m.status += " (" + keyName(b) + " on the card brings them back)"
		}
		return nil, true
	}
	switch {
	case key.Matches(msg, k.Edit):
		if m.page == pageDetail {
			c, _ := m.detail.Customer()
			return m.openForm(customerForm(m.c, &c), false), true
		}
		s, ctx := m.c.Store, m.c.Ctx
		return func() tea.Msg {
			c, err := s.Customer(ctx, id)
			return editCustomerMsg{customer: c, err: err}
		}, true
	case key.Matches(msg, k.Note):
		return m.openForm(newNoteForm(m.c, id, name, nil), false), true
	case key.Matches(msg, k.Visit):
		return m.openForm(visitForm(m.c, id, name, nil), false), true
	case key.Matches(msg, k.Thanks):
		return m.openForm(thankYouForm(m.c, id, name, nil), false), true
	case key.Matches(msg, k.Feedback):
		return m.openForm(feedbackForm(m.c, id, name, nil), false), true
	case key.Matches(msg, k.Archive):
		s, ctx := m.c.Store, m.c.Ctx
		m.confirm = &confirmation{
			question: "Archive " + name + "? They leave the list; nothing is deleted. " +
				keyName(m.c.Keys.Confirm.Yes) + "/" + keyName(m.c.Keys.Confirm.No),
			yes: func() tea.Cmd {
				return func() tea.Msg {
					return archivedMsg{id: id, name: name, err: s.ArchiveCustomer(ctx, id)}
				}
			},
		}
		return nil, true
	}
	return nil, false
}
