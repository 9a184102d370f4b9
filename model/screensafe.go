package model

// Screen-safe mode is for when a customer can see the screen. This file is
// its one rule; the card, the week and the search ask it rather than
// spelling it out.

// HiddenAtCounter is what screen-safe mode hides: anything private (a
// private note, and a follow-up or week item that quotes one) and anything
// a customer said about the shop (feedback, and the unhappy-feedback item
// that asks for a reply).
func HiddenAtCounter(private, feedback bool) bool { return private || feedback }

// HiddenAtCounter reports whether screen-safe mode hides the note, as a
// note, a follow-up under "Ask about" or a search match.
func (n Note) HiddenAtCounter() bool { return HiddenAtCounter(n.Private, false) }

// HiddenAtCounter reports whether screen-safe mode hides the feedback: it
// always does.
func (Feedback) HiddenAtCounter() bool { return HiddenAtCounter(false, true) }

// HiddenAtCounter reports whether screen-safe mode hides the item's reason
// (the item itself stays on the queue, saying only what it is).
func (it Item) HiddenAtCounter() bool { return HiddenAtCounter(it.Private, it.Kind == KindUnhappy) }

// HiddenAtCounter: a talking point from a private note is private, and a
// reply owed to feedback is feedback.
func (p TalkingPoint) HiddenAtCounter() bool {
	return HiddenAtCounter(p.Private, p.Kind == PointReply)
}
