package store

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// The term builder packs each term's slots sorted, once each, whatever
// order they came in: in order (a full build of a demo), with repeats (a
// word twice in a note), and out of order (notes written over the years,
// customer by customer).
func TestTermBuilderPacksAnyOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 50 {
		var b termBuilder
		want := map[string]map[uint32]bool{}
		slot := uint32(0)
		for range 2000 {
			switch rng.IntN(4) {
			case 0:
				slot = uint32(rng.IntN(3_000_000)) // anywhere, up to a million customers and more
			case 1:
				slot += uint32(rng.IntN(3))
			}
			w := fmt.Sprintf("w%d", rng.IntN(1+round*3))
			b.add([]byte(w), slot)
			if want[w] == nil {
				want[w] = map[uint32]bool{}
			}
			want[w][slot] = true
		}
		ti := b.finish()
		if ti.terms.len() != len(want) {
			t.Fatalf("round %d: %d terms, want %d", round, ti.terms.len(), len(want))
		}
		for i := range ti.terms.len() {
			w := ti.terms.at(i)
			if i > 0 && ti.terms.at(i-1) >= w {
				t.Fatalf("round %d: terms out of order at %q", round, w)
			}
			var got []uint32
			last := uint32(0)
			for p := ti.post[ti.start[i]:ti.start[i+1]]; len(p) > 0; {
				v, n := binary.Uvarint(p)
				last += uint32(v)
				got = append(got, last)
				p = p[n:]
			}
			var exp []uint32
			for s := range want[w] {
				exp = append(exp, s)
			}
			slices.Sort(exp)
			if !slices.Equal(got, exp) {
				t.Fatalf("round %d, term %q: slots %v, want %v", round, w, got, exp)
			}
		}
	}
}

// The pair builder packs the same index as the term builder from the same
// words, in any order.
func TestPairBuilderMatchesTermBuilder(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 30 {
		var tb termBuilder
		var pb pairBuilder
		for range 3000 {
			w := []byte(fmt.Sprintf("%x", rng.IntN(1+round*40)))
			slot := uint32(rng.IntN(2_000_000))
			if rng.IntN(3) == 0 {
				slot = uint32(rng.IntN(4))
			}
			tb.add(w, slot)
			pb.add(w, slot)
		}
		a, b := tb.finish(), pb.finish()
		if a.terms.len() != b.terms.len() || !slices.Equal(a.start, b.start) || !slices.Equal(a.post, b.post) {
			t.Fatalf("round %d: the pair builder's index differs from the term builder's", round)
		}
		for i := range a.terms.len() {
			if a.terms.at(i) != b.terms.at(i) {
				t.Fatalf("round %d: term %d is %q, want %q", round, i, b.terms.at(i), a.terms.at(i))
			}
		}
	}
}
