package model

import (
	"slices"
	"strings"
)

// The queue's unit is the person: one row per customer with every reason
// to reach them, so one call covers a birthday, a big week and a complaint.
// Here: the grouping and its order, and how to reach each person.

// Reach is how to reach a person: their preferred phone and e-mail and
// their postal address.
type Reach struct {
	Phone, Email, Address string
}

// Lines is the contact in words, one way a line: "phone 0171 …".
func (c Reach) Lines() []string {
	var out []string
	if c.Phone != "" {
		out = append(out, "phone "+c.Phone)
	}
	if c.Email != "" {
		out = append(out, "e-mail "+c.Email)
	}
	if c.Address != "" {
		out = append(out, "address "+strings.ReplaceAll(c.Address, "\n", ", "))
	}
	if len(out) == 0 {
		out = append(out, "no phone or e-mail: in person")
	}
	return out
}

// Recipient is what the queue knows of a person to reach and address them:
// the words a draft fills in, and the contact.
type Recipient struct {
	Name, Nickname, Partner, Children, Usual string
	Contact                                  Reach
}

// Person is one row of the queue: a customer and their items, the most
// pressing first.
type Person struct {
	CustomerID int64
	Customer   string
	Items      []Item
	Open       int // items still to do
	Contact    Reach
	Draft      string // the message for their open items, in the owner's voice
}

// OpenIDs are the ids of the person's open items.
func (p *Person) OpenIDs() []string {
	var out []string
	for _, it := range p.Items {
		if it.State == Open {
			out = append(out, it.ID)
		}
	}
	return out
}

// Reasons is every reason on one line, the most pressing first.
func (p *Person) Reasons() string {
	var rs []string
	for _, it := range p.Items {
		rs = append(rs, it.Reason)
	}
	return strings.Join(rs, " · ")
}

// Order is a way to lay the queue out.
type Order int

// The orders the queue can be laid out in; o cycles them.
const (
	ByPerson Order = iota
	ByKind
	ByDay
)

// Orders in the order o cycles them, with their names.
var orderNames = [...]string{"person", "kind", "day"}

func (o Order) String() string { return orderNames[o] }

// Next is the order after o.
func (o Order) Next() Order { return (o + 1) % Order(len(orderNames)) }

// ParseOrder reads "person", "kind" or "day".
func ParseOrder(s string) (Order, error) {
	for i, n := range orderNames {
		if strings.EqualFold(strings.TrimSpace(s), n) {
			return Order(i), nil
		}
	}
	return 0, Errorf(EINVALID, "%q is not an order: person, kind or day", s)
}

// Tiers of importance: what was promised (feedback awaiting a reply, an
// overdue thank-you), then dated things by day, then the rest; a person with
// nothing left to do comes last.
const (
	tierPromise = iota
	tierDated
	tierRest
	tierDone
)

// itemTier is how pressing an open item is on today.
func itemTier(it *Item, today Date) int {
	switch {
	case it.State != Open:
		return tierDone
	case it.Kind == KindUnhappy, it.Kind == KindThankYou && it.Due.Before(today):
		return tierPromise
	case it.Kind == KindBirthday, it.Kind == KindAnniversary, it.Kind == KindThankYou, it.Kind == KindFollowUp:
		return tierDated
	}
	return tierRest
}

// compareItems orders items by tier, due day, kind and rank (then name
// and id, so the order is total).
func compareItems(a, b *Item, today Date) int {
	if ta, tb := itemTier(a, today), itemTier(b, today); ta != tb {
		return ta - tb
	}
	if c := a.Due.Compare(b.Due); c != 0 {
		return c
	}
	if ra, rb := kindRank(a.Kind), kindRank(b.Kind); ra != rb {
		return ra - rb
	}
	return compareDue(a, b)
}

// GroupPeople groups items by customer, one Person each, and orders them:
// by their most pressing item (see compareItems), so a person with a
// complaint waiting comes before one with only a birthday, and a person with
// nothing left to do comes last. Each person's items are in the same order.
func GroupPeople(items []Item, today Date) []Person {
	at := map[int64]int{}
	var people []Person
	for _, it := range items {
		i, ok := at[it.CustomerID]
		if !ok {
			i = len(people)
			at[it.CustomerID] = i
			people = append(people, Person{CustomerID: it.CustomerID, Customer: it.Customer})
		}
		p := &people[i]
		p.Items = append(p.Items, it)
		if it.State == Open {
			p.Open++
		}
	}
	for i := range people {
		slices.SortFunc(people[i].Items, func(a, b Item) int { return compareItems(&a, &b, today) })
	}
	slices.SortFunc(people, func(a, b Person) int {
		if c := compareItems(&a.Items[0], &b.Items[0], today); c != 0 {
			return c
		}
		return int(a.CustomerID - b.CustomerID)
	})
	return people
}

// People returns the queue one row per person, shown items only (not
// snoozed), each with their contact and draft from the week's recipients
// and templates.
func (w *Week) People() []Person {
	people := GroupPeople(w.Visible(), w.Today)
	c := newDraftCache()
	for i := range people {
		p := &people[i]
		r, ok := w.Recipients[p.CustomerID]
		if !ok {
			r = Recipient{Name: p.Customer}
		}
		p.Contact = r.Contact
		p.Draft = personDraft(p, r, w.Templates, c)
	}
	return people
}
