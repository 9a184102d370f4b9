package tui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// Styles is every style the interface draws with; components receive it and
// never build styles of their own. Bold, faint and reverse carry the meaning
// too, so the screen still reads under NO_COLOR, where colours are dropped.
type Styles struct {
	isDark bool

	Brand     lipgloss.Style
	Tab       lipgloss.Style
	TabActive lipgloss.Style
	HeaderFar lipgloss.Style

	Row         lipgloss.Style
	RowSelected lipgloss.Style
	Name        lipgloss.Style
	Tags        lipgloss.Style
	Meta        lipgloss.Style
	Birthday    lipgloss.Style
	Open        lipgloss.Style
	Placeholder lipgloss.Style
	ColumnHead  lipgloss.Style

	Title        lipgloss.Style
	Subtle       lipgloss.Style
	Card         lipgloss.Style
	CardTitle    lipgloss.Style
	Label        lipgloss.Style
	Section      lipgloss.Style
	AskAbout     lipgloss.Style
	PrivateMark  lipgloss.Style
	Unhappy      lipgloss.Style
	Welcome      lipgloss.Style
	WelcomeTitle lipgloss.Style
	Key          lipgloss.Style

	FormTitle    lipgloss.Style
	FieldLabel   lipgloss.Style
	FieldFocused lipgloss.Style
	FieldError   lipgloss.Style
	Hint         lipgloss.Style
	Toggle       lipgloss.Style

	Status    lipgloss.Style
	StatusErr lipgloss.Style
	StatusOK  lipgloss.Style
	SafeBadge lipgloss.Style
	Prompt    lipgloss.Style

	Help     help.Styles
	Textarea textarea.Styles
	Input    textinput.Styles
}

// DefaultStyles builds the styles for a dark or a light terminal background.
func DefaultStyles(isDark bool) *Styles {
	ld := lipgloss.LightDark(isDark)
	var (
		accent  = ld(lipgloss.Color("#7B3FA0"), lipgloss.Color("#C792EA"))
		text    = ld(lipgloss.Color("#1F1F1F"), lipgloss.Color("#E6E6E6"))
		muted   = ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#8C8C8C"))
		faint   = ld(lipgloss.Color("#9A9A9A"), lipgloss.Color("#5E5E5E"))
		tag     = ld(lipgloss.Color("#00707A"), lipgloss.Color("#6FC3CD"))
		warm    = ld(lipgloss.Color("#B05A00"), lipgloss.Color("#F0A860"))
		alert   = ld(lipgloss.Color("#B00020"), lipgloss.Color("#FF7A85"))
		good    = ld(lipgloss.Color("#2E7D32"), lipgloss.Color("#8BD98F"))
		selBg   = ld(lipgloss.Color("#EADCF5"), lipgloss.Color("#3A2A4A"))
		barBg   = ld(lipgloss.Color("#EEEEEE"), lipgloss.Color("#262626"))
		border  = ld(lipgloss.Color("#C9B3DA"), lipgloss.Color("#5A4670"))
		private = ld(lipgloss.Color("#8A6D00"), lipgloss.Color("#E5C07B"))
	)
	fg := func(c color.Color) lipgloss.Style { return lipgloss.NewStyle().Foreground(c) }

	s := &Styles{isDark: isDark}
	s.Brand = fg(accent).Bold(true)
	s.Tab = fg(muted).Padding(0, 1)
	// No underline: lipgloss underlines rune by rune, so a two-word tab came
	// out in pieces; a background marks the whole tab, bold marks it
	// without colour.
	s.TabActive = fg(accent).Bold(true).Background(selBg).Padding(0, 1)
	s.HeaderFar = fg(muted)

	s.Row = fg(text)
	s.RowSelected = lipgloss.NewStyle().Foreground(text).Background(selBg).Bold(true)
	s.Name = fg(text)
	s.Tags = fg(tag)
	s.Meta = fg(muted)
	s.Birthday = fg(warm).Bold(true)
	s.Open = fg(alert).Bold(true)
	s.Placeholder = fg(faint).Faint(true)
	s.ColumnHead = fg(muted).Underline(true)

	s.Title = fg(text).Bold(true)
	s.Subtle = fg(muted)
	s.Card = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(border).Padding(0, 1)
	s.CardTitle = fg(accent).Bold(true)
	s.Label = fg(muted)
	s.Section = fg(accent).Bold(true).Underline(true)
	s.AskAbout = fg(warm).Bold(true)
	s.PrivateMark = fg(private).Italic(true)
	s.Unhappy = fg(alert)
	s.Welcome = fg(text)
	s.WelcomeTitle = fg(accent).Bold(true)
	s.Key = fg(accent).Bold(true)

	s.FormTitle = fg(accent).Bold(true)
	s.FieldLabel = fg(muted)
	s.FieldFocused = fg(accent).Bold(true)
	s.FieldError = fg(alert).Bold(true)
	s.Hint = fg(faint)
	s.Toggle = fg(text)

	s.Status = fg(muted).Background(barBg)
	s.StatusErr = fg(alert).Background(barBg).Bold(true)
	s.StatusOK = fg(good).Background(barBg)
	s.SafeBadge = lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#FFFFFF"), lipgloss.Color("#1A1A1A"))).
		Background(private).Bold(true).Reverse(false).Padding(0, 1)
	s.Prompt = fg(warm).Background(barBg).Bold(true)

	s.Help = help.DefaultStyles(isDark)

	s.Textarea = textarea.DefaultStyles(isDark)
	s.Textarea.Cursor.Blink = false
	s.Textarea.Focused.CursorLine = lipgloss.NewStyle()
	s.Textarea.Focused.Prompt = fg(accent)
	s.Textarea.Blurred.Prompt = fg(faint)
	// A placeholder is faint and italic, so that it never reads as a value
	// already typed (colour alone is lost under NO_COLOR).
	placeholder := fg(faint).Faint(true).Italic(true)
	s.Textarea.Focused.Placeholder = placeholder
	s.Textarea.Blurred.Placeholder = placeholder

	s.Input = textinput.DefaultStyles(isDark)
	s.Input.Cursor.Blink = false
	s.Input.Focused.Prompt = fg(accent)
	s.Input.Blurred.Prompt = fg(faint)
	s.Input.Focused.Placeholder = placeholder
	s.Input.Blurred.Placeholder = placeholder
	return s
}
