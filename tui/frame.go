package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// helpKeys is the help bar's view of the bindings: the focused component's
// first, then the global ones that apply.
type helpKeys struct{ m *Model }

func (h helpKeys) globals() []key.Binding {
	k := h.m.c.Keys
	if h.m.prompt != nil {
		return []key.Binding{k.Prompt.Submit, k.Prompt.Cancel}
	}
	if h.m.picking != nil {
		w := k.Week
		return []key.Binding{w.Card, w.Call, w.Email, w.Message, w.InPerson, w.Usual, w.Cancel}
	}
	if h.m.confirm != nil {
		return []key.Binding{k.Confirm.Yes, k.Confirm.No}
	}
	if h.m.current().Capturing() {
		return []key.Binding{k.Global.ForceQuit}
	}
	return []key.Binding{k.Global.Safe, h.help(), k.Global.Quit}
}

// help is the ? key, named for what it does now.
func (h helpKeys) help() key.Binding {
	if h.m.help.ShowAll {
		return h.m.c.Keys.Global.CloseHelp
	}
	return h.m.c.Keys.Global.Help
}

// fullGlobals are the global keys in the full help.
func (h helpKeys) fullGlobals() []key.Binding {
	k := h.m.c.Keys.Global
	if h.m.modal() || h.m.current().Capturing() {
		return h.globals()
	}
	return []key.Binding{k.Safe, k.Week, h.help(), k.Quit, k.ForceQuit}
}

func (h helpKeys) ShortHelp() []key.Binding {
	if h.m.modal() {
		return h.globals()
	}
	return append(append([]key.Binding{}, h.m.current().ShortHelp()...), h.globals()...)
}

func (h helpKeys) FullHelp() [][]key.Binding {
	if h.m.modal() {
		return [][]key.Binding{h.globals()}
	}
	return append(append([][]key.Binding{}, h.m.current().FullHelp()...), h.fullGlobals())
}

// modal reports whether a question in the status bar has the keys.
func (m *Model) modal() bool { return m.confirm != nil || m.prompt != nil || m.picking != nil }

// layout gives the body what is left of the screen after the header, the
// status bar and the help.
func (m *Model) layout() {
	m.help.SetWidth(m.width)
	helpLines := strings.Count(m.helpView(), "\n") + 1
	body := max(m.height-2-helpLines, 1)
	m.current().SetSize(m.width, body)
}

func (m *Model) helpView() string {
	return m.help.View(helpKeys{m})
}

// View implements tea.Model.
func (m *Model) View() tea.View {
	var b strings.Builder
	b.WriteString(m.header())
	b.WriteByte('\n')
	b.WriteString(m.current().View())
	b.WriteByte('\n')
	b.WriteString(m.statusBar())
	b.WriteByte('\n')
	for i, l := range strings.Split(m.helpView(), "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(cut(l, m.width))
	}
	v := tea.NewView(b.String())
	v.AltScreen = true
	// Focus back on the terminal asks the notebook whether it changed.
	v.ReportFocus = true
	v.WindowTitle = m.title()
	return v
}

// title is the terminal window's title; the name in it is sanitized too.
func (m *Model) title() string {
	if m.page == pageDetail {
		if c, ok := m.detail.Customer(); ok {
			return "Regulars: " + clean(c.Name)
		}
	}
	return "Regulars"
}

func (m *Model) header() string {
	st := m.c.Styles
	tab := func(p page, name string) string {
		if m.page == p || (p == pageList && m.page == pageDetail) {
			return st.TabActive.Render(name)
		}
		return st.Tab.Render(name)
	}
	left := " " + st.Brand.Render("Regulars") + "  " + tab(pageList, "Customers") + tab(pageWeek, "This week")
	right := st.HeaderFar.Render(m.c.Today().Short() + " ")
	gap := max(m.width-lipgloss.Width(left)-lipgloss.Width(right), 1)
	return cut(left+strings.Repeat(" ", gap)+right, m.width)
}

func (m *Model) statusBar() string {
	st := m.c.Styles
	right := ""
	if m.c.Safe {
		right = st.SafeBadge.Render("SCREEN-SAFE")
	}
	var left string
	switch {
	case m.prompt != nil:
		left = st.Prompt.Render(" "+m.prompt.question+" ") + " " + m.prompt.input.View()
	case m.picking != nil:
		left = st.Prompt.Render(" " + m.pickQuestion() + " ")
	case m.confirm != nil:
		left = st.Prompt.Render(" " + m.confirm.question + " ")
	case m.status != "" && m.statusErr:
		left = st.StatusErr.Render(" " + m.status)
	case m.status != "":
		left = st.StatusOK.Render(" " + m.status)
	}
	lw := max(m.width-lipgloss.Width(right), 0)
	left = cut(left, lw)
	pad := strings.Repeat(" ", max(lw-lipgloss.Width(left), 0))
	return left + st.Status.Render(pad) + right
}
