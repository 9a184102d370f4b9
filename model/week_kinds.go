package model

// Kind is what a week item is about.
type Kind string

// The kinds of week items, in the order the queue groups them.
const (
	KindBirthday    Kind = "birthday"
	KindAnniversary Kind = "anniversary"
	KindThankYou    Kind = "thank-you"
	KindTopSpender  Kind = "top-spender"
	KindNewCustomer Kind = "new-customer"
	KindCheckIn     Kind = "check-in"
	KindLapsed      Kind = "lapsed"
	KindUnhappy     Kind = "unhappy"
	KindFollowUp    Kind = "follow-up"
)

// Kinds lists every kind in queue order.
var Kinds = []Kind{KindBirthday, KindAnniversary, KindThankYou, KindTopSpender,
	KindNewCustomer, KindCheckIn, KindLapsed, KindUnhappy, KindFollowUp}

func kindRank(k Kind) int {
	for i, x := range Kinds {
		if x == k {
			return i
		}
	}
	return len(Kinds)
}

// kindNames are how a kind is named: one item, several, and as a heading.
var kindNames = map[Kind]struct{ one, many, title string }{
	KindBirthday:    {"birthday", "birthdays", "Birthdays"},
	KindAnniversary: {"anniversary", "anniversaries", "Anniversaries"},
	KindThankYou:    {"thank-you", "thank-yous", "Thank-yous"},
	KindTopSpender:  {"top spender", "top spenders", "Top spender"},
	KindNewCustomer: {"new customer", "new customers", "New customers"},
	KindCheckIn:     {"check-in", "check-ins", "Check-ins"},
	KindLapsed:      {"lapsed regular", "lapsed regulars", "Lapsed regulars"},
	KindUnhappy:     {"unhappy customer", "unhappy customers", "Unhappy customers"},
	KindFollowUp:    {"follow-up", "follow-ups", "Follow-ups"},
}

// Title is the heading of a kind's group.
func (k Kind) Title() string {
	if n, ok := kindNames[k]; ok {
		return n.title
	}
	return string(k)
}

// Noun is what one item of a kind is, in the plural when n is not 1.
func (k Kind) Noun(n int) string {
	names, ok := kindNames[k]
	switch {
	case !ok:
		return string(k)
	case n == 1:
		return names.one
	}
	return names.many
}

// DefaultChannel is how an item of kind is usually done: a card for the
// occasions, a call for an unhappy customer, a word in person for a
// follow-up or a newcomer, a message otherwise.
func DefaultChannel(kind Kind) Channel {
	switch kind {
	case KindBirthday, KindAnniversary, KindThankYou:
		return Card
	case KindUnhappy:
		return Call
	case KindFollowUp, KindNewCustomer, KindTopSpender:
		return InPerson
	}
	return Message
}
