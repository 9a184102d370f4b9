package tui

import "charm.land/bubbles/v2/key"

// KeyMap is every key binding of the interface, a group per view. No other
// file names a key: components match with key.Matches, and the help bar,
// the week's footer and the prose that mentions a key ("n adds a note") are
// drawn from the bindings' own help. To find where a key is bound, search
// this file for it.
type KeyMap struct {
	Global   GlobalKeys
	Move     MoveKeys
	Customer CustomerKeys
	List     ListKeys
	Filter   FilterKeys
	Card     CardKeys
	Week     WeekKeys
	Form     FormKeys
	Note     NoteKeys
	Text     TextKeys
	Confirm  ConfirmKeys
	Prompt   PromptKeys
}

// GlobalKeys work on every page while nothing takes typed text; ForceQuit
// works always.
type GlobalKeys struct {
	Safe, Week, Help, Quit, ForceQuit key.Binding
	// CloseHelp is Help as the bar names it while the full help is open.
	CloseHelp key.Binding
}

// MoveKeys move through the list, the card and the week.
type MoveKeys struct {
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding
}

// CustomerKeys act on one customer: the highlighted row of the list or the
// card on screen (Add on either page). The root handles them. On the card,
// where e and d act on the highlighted entry, the customer is edited and
// archived with CardKeys.EditCustomer and CardKeys.Archive.
type CustomerKeys struct {
	Add, Edit, Note, Visit, Thanks, Feedback, Archive key.Binding
}

// ListKeys are the customer list's own. Archived switches between the
// active customers and the archived ones.
type ListKeys struct {
	Open, Filter, Sort, Archived key.Binding
	// ClearFilter empties the filter; Back is the same key as the full
	// help names it.
	ClearFilter, Back key.Binding
}

// FilterKeys work while the filter box has the keys; everything else is
// typed into it (space and the letters included).
type FilterKeys struct {
	Open, Clear, Up, Down, PageUp, PageDown key.Binding
	// Move is how the help names Up and Down together.
	Move key.Binding
}

// CardKeys are the customer card's own (it also moves with MoveKeys and
// takes CustomerKeys). Up and down move a cursor through the history's
// entries; Edit, Delete and Done act on the highlighted one, Undo takes
// back the card's last change. Done asks how, with the week's channel
// keys.
type CardKeys struct {
	Back, Edit, Delete, Done, Undo key.Binding
	// EditCustomer and Archive act on the customer (e and d on the list).
	EditCustomer, Archive key.Binding
	// On an archived card: Unarchive brings them back, Forget erases them
	// after their full name is typed. Merge moves everything onto another
	// customer.
	Unarchive, Forget, Merge key.Binding
}

// PromptKeys answer a typed question in the status bar (forget, merge).
type PromptKeys struct {
	Submit, Cancel key.Binding
}

// WeekKeys are the week's. Done asks how it was done: the next key is one
// of the channel keys (Card … InPerson), Usual for the kind's usual channel,
// or Cancel. On a person's row Done covers all their open items.
type WeekKeys struct {
	Done, Snooze, Undo, Open, Back key.Binding
	// ByPerson, ByKind and ByDay are the same key: the help names the
	// order it switches to.
	ByPerson, ByKind, ByDay key.Binding
	// Expand opens a person's row to work their items one by one; Collapse
	// closes it (Back is off while a row is open, so esc closes the row).
	Expand, Collapse key.Binding
	// Copy puts the highlighted person's draft on the clipboard (OSC 52);
	// EditDraft edits it first, in a text area: KeepDraft keeps the edit
	// for this session (the templates are unchanged), DropDraft drops it.
	Copy, EditDraft, KeepDraft, DropDraft key.Binding

	// The channel question after Done, where p is a call, not screen-safe.
	Card, Call, Email, Message, InPerson, Usual, Cancel key.Binding
}

// FormKeys are the field forms' (a customer, a visit, a thank-you,
// feedback).
type FormKeys struct {
	Save, Cancel key.Binding
	// Next and Prev change field; Enter goes to the next field and saves on
	// the last.
	Next, Prev, Enter key.Binding
}

// NoteKeys are the note form's: the text, then "Ask on", then "Private".
type NoteKeys struct {
	Save, Cancel, Editor, Next, Prev key.Binding
	// Up and Down move between the fields under the text, where the
	// arrows do not move a cursor; Toggle ticks "Private".
	Up, Down, Toggle key.Binding
}

// TextKeys edit the note's text (the note form's own keys come first).
// They are the bubbles textarea's, less ctrl+e (the note's Editor) and
// ctrl+v (a terminal pastes by itself).
type TextKeys struct {
	Left, Right, Up, Down, WordLeft, WordRight key.Binding
	LineStart, LineEnd, Top, Bottom            key.Binding
	PageUp, PageDown, Newline                  key.Binding
	Backspace, Delete, DeleteWordBack          key.Binding
	DeleteToLineEnd, DeleteToLineStart         key.Binding
}

// ConfirmKeys answer a y/n question: archive, drop what was typed.
type ConfirmKeys struct {
	Yes, No key.Binding
}

// staffOnly disables what someone at the counter who is not the owner
// may not do: turn screen-safe mode off, archive, bring back, forget and
// merge customers. A disabled binding matches no key and leaves the help.
func (k *KeyMap) staffOnly() {
	for _, b := range []*key.Binding{&k.Global.Safe, &k.Customer.Archive, &k.Card.Archive,
		&k.Card.Unarchive, &k.Card.Forget, &k.Card.Merge} {
		b.SetEnabled(false)
	}
}

// DefaultKeyMap returns the bindings people already know from less, vim,
// lazygit and glow.
func DefaultKeyMap() *KeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	save := b([]string{"ctrl+s"}, "ctrl+s", "save")
	cancel := b([]string{"esc"}, "esc", "cancel")
	next := b([]string{"tab"}, "tab", "next field")
	prev := b([]string{"shift+tab"}, "shift+tab", "previous field")
	return &KeyMap{
		Global: GlobalKeys{
			Safe:      b([]string{"p"}, "p", "screen-safe"),
			Week:      b([]string{"w", "tab"}, "w/tab", "week"),
			Help:      b([]string{"?"}, "?", "more"),
			CloseHelp: b([]string{"?"}, "?", "close help"),
			Quit:      b([]string{"q"}, "q", "quit"),
			ForceQuit: b([]string{"ctrl+c"}, "ctrl+c", "quit"),
		},
		Move: MoveKeys{
			Up:       b([]string{"k", "up"}, "↑/k", "up"),
			Down:     b([]string{"j", "down"}, "↓/j", "down"),
			Top:      b([]string{"g", "home"}, "g", "top"),
			Bottom:   b([]string{"G", "end"}, "G", "bottom"),
			PageUp:   b([]string{"pgup", "ctrl+u"}, "pgup", "page up"),
			PageDown: b([]string{"pgdown", "ctrl+d", "space"}, "pgdn", "page down"),
		},
		Customer: CustomerKeys{
			Add:      b([]string{"a"}, "a", "add"),
			Edit:     b([]string{"e"}, "e", "edit"),
			Note:     b([]string{"n"}, "n", "note"),
			Visit:    b([]string{"v"}, "v", "visit"),
			Thanks:   b([]string{"t"}, "t", "thank-you"),
			Feedback: b([]string{"f"}, "f", "feedback"),
			Archive:  b([]string{"d"}, "d", "archive"),
		},
		List: ListKeys{
			Open: b([]string{"enter"}, "enter", "open"),
			// From any page: a new lookup on the list.
			Filter:      b([]string{"/"}, "/", "filter"),
			Sort:        b([]string{"s"}, "s", "sort"),
			Archived:    b([]string{"A"}, "A", "archived"),
			ClearFilter: b([]string{"esc"}, "esc", "clear filter"),
			Back:        b([]string{"esc"}, "esc", "back"),
		},
		Filter: FilterKeys{
			Open:  b([]string{"enter"}, "enter", "open"),
			Clear: b([]string{"esc"}, "esc", "clear"),
			Up:    b([]string{"up", "ctrl+p"}, "↑", "up"),
			Down:  b([]string{"down", "ctrl+n"}, "↓", "down"),
			// No space: it is typed.
			PageUp:   b([]string{"pgup", "ctrl+u"}, "pgup", "page up"),
			PageDown: b([]string{"pgdown", "ctrl+d"}, "pgdn", "page down"),
			Move:     b([]string{"up", "down"}, "↑/↓", "move"),
		},
		Card: CardKeys{
			Back:         b([]string{"esc"}, "esc", "back"),
			Edit:         b([]string{"e"}, "e", "edit"),
			Delete:       b([]string{"d"}, "d", "delete"),
			Done:         b([]string{"x"}, "x", "done"),
			Undo:         b([]string{"u"}, "u", "undo"),
			EditCustomer: b([]string{"E"}, "E", "edit customer"),
			Archive:      b([]string{"D"}, "D", "archive"),
			Unarchive:    b([]string{"r"}, "r", "bring back"),
			Forget:       b([]string{"F"}, "F", "forget…"),
			Merge:        b([]string{"M"}, "M", "merge into…"),
		},
		Week: WeekKeys{
			Done:   b([]string{"x", "space"}, "x/space", "done"),
			Snooze: b([]string{"s"}, "s", "snooze"),
			Undo:   b([]string{"u"}, "u", "undo"),
			Open:   b([]string{"enter"}, "enter", "card"),
			// w and tab are Global.Week, which leaves the week too.
			Back:     b([]string{"esc", "w", "tab"}, "esc/w", "customers"),
			ByPerson: b([]string{"o"}, "o", "by person"),
			ByKind:   b([]string{"o"}, "o", "by kind"),
			ByDay:    b([]string{"o"}, "o", "by day"),
			Expand:   b([]string{"enter", "right"}, "enter/→", "open row"),
			Collapse: b([]string{"left", "esc"}, "←/esc", "close row"),

			Copy:      b([]string{"y"}, "y", "copy draft"),
			EditDraft: b([]string{"E"}, "E", "edit draft"),
			KeepDraft: b([]string{"ctrl+s"}, "ctrl+s", "keep"),
			DropDraft: b([]string{"esc"}, "esc", "drop edit"),

			Card:     b([]string{"c"}, "c", "card"),
			Call:     b([]string{"p"}, "p", "call"),
			Email:    b([]string{"e"}, "e", "email"),
			Message:  b([]string{"m"}, "m", "message"),
			InPerson: b([]string{"i"}, "i", "in person"),
			Usual:    b([]string{"enter"}, "enter", "the usual"),
			Cancel:   cancel,
		},
		Form: FormKeys{
			Save:   save,
			Cancel: cancel,
			Next:   b([]string{"tab", "down"}, "tab", "next field"),
			Prev:   b([]string{"shift+tab", "up"}, "shift+tab", "previous field"),
			Enter:  b([]string{"enter"}, "enter", "next field, save on the last"),
		},
		Note: NoteKeys{
			Save:   save,
			Cancel: cancel,
			Editor: b([]string{"ctrl+e"}, "ctrl+e", "$EDITOR"),
			Next:   next,
			Prev:   prev,
			Up:     b([]string{"up"}, "↑", "field above"),
			Down:   b([]string{"down", "enter"}, "↓", "field below"),
			Toggle: b([]string{"space", "x", "enter"}, "space", "toggle"),
		},
		Text: TextKeys{
			Left:              b([]string{"left", "ctrl+b"}, "←", "left"),
			Right:             b([]string{"right", "ctrl+f"}, "→", "right"),
			Up:                b([]string{"up", "ctrl+p"}, "↑", "line up"),
			Down:              b([]string{"down", "ctrl+n"}, "↓", "line down"),
			WordLeft:          b([]string{"alt+left", "ctrl+left", "alt+b"}, "alt+←", "word left"),
			WordRight:         b([]string{"alt+right", "ctrl+right", "alt+f"}, "alt+→", "word right"),
			LineStart:         b([]string{"home", "ctrl+a"}, "home", "line start"),
			LineEnd:           b([]string{"end"}, "end", "line end"),
			Top:               b([]string{"ctrl+home", "alt+<"}, "ctrl+home", "start"),
			Bottom:            b([]string{"ctrl+end", "alt+>"}, "ctrl+end", "end"),
			PageUp:            b([]string{"pgup"}, "pgup", "page up"),
			PageDown:          b([]string{"pgdown"}, "pgdn", "page down"),
			Newline:           b([]string{"enter"}, "enter", "new line"),
			Backspace:         b([]string{"backspace", "ctrl+h"}, "backspace", "delete left"),
			Delete:            b([]string{"delete", "ctrl+d"}, "del", "delete right"),
			DeleteWordBack:    b([]string{"alt+backspace", "ctrl+w"}, "ctrl+w", "delete word"),
			DeleteToLineEnd:   b([]string{"ctrl+k"}, "ctrl+k", "delete to line end"),
			DeleteToLineStart: b([]string{"ctrl+u"}, "ctrl+u", "delete to line start"),
		},
		Confirm: ConfirmKeys{
			Yes: b([]string{"y", "Y"}, "y", "yes"),
			No:  b([]string{"n", "N", "esc"}, "n/esc", "no"),
		},
		Prompt: PromptKeys{
			Submit: b([]string{"enter"}, "enter", "go on"),
			Cancel: cancel,
		},
	}
}

// keyName is a binding's first key, for prose that names it: "n adds a
// note", "u takes it back".
func keyName(b key.Binding) string {
	if ks := b.Keys(); len(ks) > 0 {
		return ks[0]
	}
	return ""
}
