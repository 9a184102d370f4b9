package tui

import (
	"runtime"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Text arriving as keystrokes (a paste without bracketed paste, a
// barcode scanner, a fast typist) must cost the same per key at the
// 10,000th character as at the first.

// noteTyper is the root model with a note form open, and a key to type.
func noteTyper(tb testing.TB) (*harness, func(r rune)) {
	s := mustOpen(tb)
	seed(tb, s)
	h := newHarness(tb, s)
	h.typeText("n")
	if _, ok := h.m.form.(*NoteForm); !ok {
		tb.Fatal("no note form")
	}
	// One key as the program handles it: Update, then a frame.
	return h, func(r rune) {
		msg := tea.KeyPressMsg{Code: r, Text: string(r)}
		if r == ' ' {
			msg.Code = tea.KeySpace
		}
		h.m.Update(msg) // the draft timer it asks for is the harness's: nothing sleeps
		_ = h.m.View()
	}
}

// typingRune is the i-th character of a long text of words and spaces.
func typingRune(i int) rune {
	if i%7 == 6 {
		return ' '
	}
	return rune('a' + i%26)
}

func mallocs() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.Mallocs
}

func TestNoteTypingStaysFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("types 5,000 keys")
	}
	_, key := noteTyper(t)
	const n, batch = 5000, 500
	var first, last uint64
	for i := 0; i < n; i++ {
		if i == 0 || i == n-batch {
			runtime.GC()
		}
		before := mallocs()
		key(typingRune(i))
		d := mallocs() - before
		if i < batch {
			first += d
		}
		if i >= n-batch {
			last += d
		}
	}
	perFirst, perLast := float64(first)/batch, float64(last)/batch
	t.Logf("allocations per key: %.0f for the first %d keys, %.0f for the last %d", perFirst, batch, perLast, batch)
	if perLast > 2*perFirst+50 {
		t.Fatalf("typing grows: %.0f allocations per key at the end against %.0f at the start", perLast, perFirst)
	}
}

// BenchmarkNoteTyping types 10,000 single-rune keys into the note form and
// reports the time per key over the last 1,000 and the bytes allocated.
func BenchmarkNoteTyping(b *testing.B) {
	const n, tail = 10000, 1000
	b.ReportAllocs()
	var tailTime time.Duration
	for range b.N {
		b.StopTimer()
		_, key := noteTyper(b)
		b.StartTimer()
		for i := 0; i < n; i++ {
			if i == n-tail {
				start := time.Now()
				for ; i < n; i++ {
					key(typingRune(i))
				}
				tailTime += time.Since(start)
				break
			}
			key(typingRune(i))
		}
	}
	b.ReportMetric(float64(tailTime.Nanoseconds())/float64(b.N*tail), "ns/key-last1000")
}
