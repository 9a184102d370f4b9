package tui

import "charm.land/bubbles/v2/key"

// KeyMap is every key binding of the interface, in one place; components
// receive it and the help bar is drawn from it.
type KeyMap struct {
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding

	Open, Back, Filter, Sort key.Binding

	Add, Edit, Note, Visit, Thanks, Feedback, Archive key.Binding

	Safe, Week, Help, Quit, ForceQuit key.Binding

	// Forms.
	Save, Cancel, Editor, NextField, PrevField, Toggle key.Binding

	// Questions.
	Yes, No key.Binding

	// The week: done (then one channel key), snooze, undo, order.
	Done, Snooze, Undo, Order                           key.Binding
	ViaCard, ViaCall, ViaEmail, ViaMessage, ViaInPerson key.Binding
}

// DefaultKeyMap returns the bindings people already know from less, vim,
// lazygit and glow.
func DefaultKeyMap() *KeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return &KeyMap{
		Up:       b([]string{"k", "up"}, "↑/k", "up"),
		Down:     b([]string{"j", "down"}, "↓/j", "down"),
		Top:      b([]string{"g", "home"}, "g", "top"),
		Bottom:   b([]string{"G", "end"}, "G", "bottom"),
		PageUp:   b([]string{"pgup", "ctrl+u"}, "pgup", "page up"),
		PageDown: b([]string{"pgdown", "ctrl+d", "space"}, "pgdn", "page down"),

		Open:   b([]string{"enter"}, "enter", "open"),
		Back:   b([]string{"esc"}, "esc", "back"),
		Filter: b([]string{"/"}, "/", "filter"),
		Sort:   b([]string{"s"}, "s", "sort"),

		Add:      b([]string{"a"}, "a", "add"),
		Edit:     b([]string{"e"}, "e", "edit"),
		Note:     b([]string{"n"}, "n", "note"),
		Visit:    b([]string{"v"}, "v", "visit"),
		Thanks:   b([]string{"t"}, "t", "thank-you"),
		Feedback: b([]string{"f"}, "f", "feedback"),
		Archive:  b([]string{"d"}, "d", "archive"),

		Safe:      b([]string{"p"}, "p", "screen-safe"),
		Week:      b([]string{"w", "tab"}, "w/tab", "week"),
		Help:      b([]string{"?"}, "?", "more"),
		Quit:      b([]string{"q"}, "q", "quit"),
		ForceQuit: b([]string{"ctrl+c"}, "ctrl+c", "quit"),

		Save:      b([]string{"ctrl+s"}, "ctrl+s", "save"),
		Cancel:    b([]string{"esc"}, "esc", "cancel"),
		Editor:    b([]string{"ctrl+e"}, "ctrl+e", "$EDITOR"),
		NextField: b([]string{"tab"}, "tab", "next field"),
		PrevField: b([]string{"shift+tab"}, "shift+tab", "previous field"),
		Toggle:    b([]string{"space", "x"}, "space", "toggle"),

		Yes: b([]string{"y", "Y"}, "y", "yes"),
		No:  b([]string{"n", "N", "esc"}, "n/esc", "no"),

		Done:   b([]string{"x", "space"}, "x/space", "done"),
		Snooze: b([]string{"s"}, "s", "snooze"),
		Undo:   b([]string{"u"}, "u", "undo"),
		Order:  b([]string{"o"}, "o", "by day"),

		// Only in the one-key channel question after Done, where p is
		// not screen-safe.
		ViaCard:     b([]string{"c"}, "c", "card"),
		ViaCall:     b([]string{"p"}, "p", "call"),
		ViaEmail:    b([]string{"e"}, "e", "email"),
		ViaMessage:  b([]string{"m"}, "m", "message"),
		ViaInPerson: b([]string{"i"}, "i", "in person"),
	}
}
