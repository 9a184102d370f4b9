package tui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
)

// The interface sees what another terminal wrote: on a short tick and when
// the terminal gets the focus back it asks the store's Watch (PRAGMA
// data_version, a counter in shared memory, so the tick costs nothing), and
// when anything was written it reloads what is on screen in place.

// watchEvery is how often the notebook is asked whether it changed.
const watchEvery = 750 * time.Millisecond

type (
	watchTickMsg struct{}
	watchMsg     struct {
		changed bool
		err     error
	}
)

func (m *Model) watchTick() tea.Cmd {
	return m.tick(watchEvery, func(time.Time) tea.Msg { return watchTickMsg{} })
}

// checkWatch asks the Watch, off the UI loop; one question at a time.
func (m *Model) checkWatch() tea.Cmd {
	if m.watching {
		return nil
	}
	m.watching = true
	w, ctx := m.watch, m.c.Ctx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, queryTimeout)
		defer cancel()
		changed, err := w.Changed(ctx)
		return watchMsg{changed: changed, err: err}
	}
}

// refresh reloads in place: the list keeps its cursor on the same
// customer, the card its scroll, the week its own place.
func (m *Model) refresh() tea.Cmd {
	cmds := []tea.Cmd{m.list.ReloadKeeping()}
	if m.detail.ID() != 0 {
		cmds = append(cmds, m.detail.Load(m.detail.ID()))
	}
	if m.page == pageWeek {
		_, cmd := m.week.Update(dataChangedMsg{})
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// Close releases what the model holds in the notebook (its Watch).
func (m *Model) Close() error { return m.watch.Close() }
