package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"regulars/model"
)

// The Watch's first question (which opens a connection of its own) waits
// for the list's first rows, then is asked; its tick goes on as before.
func TestWatchAskedAfterFirstRows(t *testing.T) {
	s := mustOpen(t)
	seed(t, s)
	m := New(context.Background(), s, Options{})
	defer m.Close()
	m.tick = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	var page tea.Msg
	for _, msg := range runAll(m.Init()) {
		switch msg.(type) {
		case watchMsg:
			t.Fatal("the Watch was asked before the first rows")
		case listPageMsg:
			page = msg
		}
	}
	if page == nil {
		t.Fatal("Init did not ask for the first rows")
	}
	_, cmd := m.Update(page)
	asked := false
	for _, msg := range runAll(cmd) {
		if _, ok := msg.(watchMsg); ok {
			asked = true
		}
	}
	if !asked {
		t.Fatal("the Watch was not asked once the first rows came")
	}
}

// runAll runs a command and the commands of a batch, and returns their
// messages without feeding them back.
func runAll(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, runAll(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// A write that lands between the first rows and the Watch's first measure
// is not lost: the first measure cannot tell it from the baseline, so the
// screen is reloaded once after it.
func TestWriteBeforeWatchMeasureShows(t *testing.T) {
	s := mustOpen(t)
	seed(t, s)
	m := New(context.Background(), s, Options{})
	defer m.Close()
	m.tick = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	var page tea.Msg
	for _, msg := range runAll(m.Init()) {
		if _, ok := msg.(listPageMsg); ok {
			page = msg
		}
	}
	_, cmd := m.Update(page)
	// Written elsewhere after the first rows were read, before the Watch
	// took its measure.
	if err := s.CreateCustomer(context.Background(), &model.Customer{Name: "Zora Quint"}); err != nil {
		t.Fatal(err)
	}
	var more []tea.Msg
	for _, msg := range runAll(cmd) {
		if _, ok := msg.(watchMsg); ok {
			_, next := m.Update(msg)
			more = append(more, runAll(next)...)
		}
	}
	for _, msg := range more {
		m.Update(msg)
	}
	if !strings.Contains(ansi.Strip(m.View().Content), "Zora Quint") {
		t.Fatalf("the customer written before the Watch's first measure is not on screen:\n%s", ansi.Strip(m.View().Content))
	}
}
