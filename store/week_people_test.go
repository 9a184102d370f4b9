package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"regulars/interchange"
	"regulars/model"
	"regulars/store"
)

// friday is a Friday in the week of testNow, when the queue is worked.
var friday = d(2026, 11, 27)

// demoOn opens a notebook with a 200-customer demo made on today, its
// clock on today.
func demoOn(t *testing.T, today model.Date) *store.Store {
	t.Helper()
	s := MustOpen(t)
	s.Now = store.ClockOn(today, func() time.Time { return testNow })
	if err := store.GenerateDemo(context.Background(), s, store.DemoOptions{Customers: 200, Seed: 1, Today: today}); err != nil {
		t.Fatal(err)
	}
	return s
}

func weekOn(t *testing.T, s *store.Store, today model.Date) *model.Week {
	t.Helper()
	s.Now = store.ClockOn(today, func() time.Time { return testNow })
	w, err := s.Week(context.Background(), today)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// On a 200-customer demo on a Friday: one row per person, every row says
// how to reach them, and no follow-up that could only be asked in person.
func TestWeekPeopleDemo(t *testing.T) {
	ctx := context.Background()
	s := demoOn(t, friday)
	w := weekOn(t, s, friday)
	people := w.People()
	if len(people) == 0 {
		t.Fatal("no one on the demo's queue")
	}
	rows := map[int64]int{}
	items := 0
	for _, p := range people {
		rows[p.CustomerID]++
		items += len(p.Items)
		if rows[p.CustomerID] > 1 {
			t.Errorf("%s (#%d) is on two rows", p.Customer, p.CustomerID)
		}
		c, err := s.Card(ctx, p.CustomerID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Contact.Phone != c.Customer.Phone || p.Contact.Email != c.Customer.Email || len(p.Contact.Lines()) == 0 {
			t.Errorf("%s: contact %+v, want their phone %q and e-mail %q", p.Customer, p.Contact, c.Customer.Phone, c.Customer.Email)
		}
		if p.Open > 0 && p.Draft == "" {
			t.Errorf("%s: no draft", p.Customer)
		}
	}
	if got, want := items, len(w.Visible()); got != want {
		t.Errorf("%d items in the rows, want the %d shown", got, want)
	}
	for _, it := range w.Items {
		if it.Kind != model.KindFollowUp {
			continue
		}
		c, err := s.Card(ctx, it.CustomerID)
		if err != nil {
			t.Fatal(err)
		}
		if !it.Due.Before(friday.AddDays(-6)) {
			t.Errorf("%s: ask-on %s is not a week overdue", it.ID, it.Due)
		}
		if last := c.LastVisit; last != nil && !last.On.Before(it.Due) {
			t.Errorf("%s: they visited on %s, after the ask-on day %s: ask in person", it.ID, last.On, it.Due)
		}
		if !strings.HasPrefix(it.Reason, "call to ask: ") {
			t.Errorf("%s: reason %q", it.ID, it.Reason)
		}
	}
}

// After the top ten are contacted, the next Fridays' queues (the store's
// clock moved on) do not ask for them again: they rest for a season.
func TestWeekCheckInsRest(t *testing.T) {
	ctx := context.Background()
	s := demoOn(t, friday)
	w := weekOn(t, s, friday)
	var ten []int64
	for _, it := range w.Items {
		if it.Kind != model.KindCheckIn {
			continue
		}
		if _, err := s.DoneItem(ctx, it.ID, model.Email, ""); err != nil {
			t.Fatal(err)
		}
		ten = append(ten, it.CustomerID)
	}
	if len(ten) != model.DefaultWeekRules.CheckIns {
		t.Fatalf("%d check-ins, want %d", len(ten), model.DefaultWeekRules.CheckIns)
	}
	for _, weeks := range []int{1, 5, 12} {
		later := friday.AddDays(7 * weeks)
		w := weekOn(t, s, later)
		for _, it := range w.Items {
			if it.Kind == model.KindCheckIn && slices.Contains(ten, it.CustomerID) {
				t.Errorf("%d weeks later: %s asked again: %s", weeks, it.Customer, it.Reason)
			}
			if it.Kind == model.KindCheckIn && strings.Contains(it.Reason, "never contacted") {
				var contacted bool
				c, err := s.Card(ctx, it.CustomerID)
				if err != nil {
					t.Fatal(err)
				}
				contacted = len(c.Outreach) > 0
				if contacted {
					t.Errorf("%s says never contacted, but was: %+v", it.Customer, c.Outreach[0])
				}
			}
		}
	}
	// After a season they are due again, and the reason says when.
	w = weekOn(t, s, friday.AddDays(7*14))
	again := 0
	for _, it := range w.Items {
		if it.Kind == model.KindCheckIn && slices.Contains(ten, it.CustomerID) {
			again++
			if want := "last contacted " + friday.Short(); !strings.Contains(it.Reason, want) {
				t.Errorf("%s: reason %q, want it to say %q", it.Customer, it.Reason, want)
			}
		}
	}
	if again == 0 {
		t.Errorf("after 14 weeks none of the ten is due a check-in")
	}
}

// 200 customers brought in by import were customers before: no "new
// customer" items; one added by hand still is.
func TestWeekImportedAreNotNew(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	b := &interchange.Batch{Format: "vCard 3.0"}
	for i := range 200 {
		b.Records = append(b.Records, interchange.Record{Where: fmt.Sprintf("card %d", i+1),
			Customer: model.Customer{Name: fmt.Sprintf("Imported %03d", i), Phone: fmt.Sprintf("+49 170 %07d", i)}})
	}
	if _, err := s.Import(ctx, b, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	typed := mustCustomer(t, s, "Walked In")
	w, err := s.Week(ctx, monday)
	if err != nil {
		t.Fatal(err)
	}
	var news []string
	for _, it := range w.Items {
		if it.Kind == model.KindNewCustomer {
			news = append(news, it.Customer)
		}
	}
	if got, want := strings.Join(news, ", "), typed.Name; got != want {
		t.Errorf("new customers %q, want only %q", got, want)
	}
}

// DonePerson: one outreach entry names every item; undoing one item keeps
// the entry for the others, undoing the last removes it.
func TestDonePerson(t *testing.T) {
	ctx := context.Background()
	f := newWeekFixture(t)
	w := f.week(t, monday)
	var dan model.Person
	for _, p := range w.People() {
		if p.CustomerID == f.dan.ID {
			dan = p
		}
	}
	ids := dan.OpenIDs()
	if len(ids) < 2 {
		t.Fatalf("Dan has %v, want several items", ids)
	}
	done, err := f.s.DonePerson(ctx, f.dan.ID, ids, model.Call, "")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(done), len(ids); got != want {
		t.Fatalf("%d done, want %d", got, want)
	}
	w = f.week(t, monday)
	for _, id := range ids {
		if got := stateOf(w, id); got != model.Done {
			t.Errorf("%s: %s, want done", id, got)
		}
	}
	card, err := f.s.Card(ctx, f.dan.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(card.Outreach), 1; got != want {
		t.Fatalf("%d outreach entries, want %d: %+v", got, want, card.Outreach)
	}
	if got, want := card.Outreach[0].About, strings.Join(ids, " "); got != want {
		t.Errorf("about %q, want %q", got, want)
	}
	if card.Outreach[0].Channel != model.Call {
		t.Errorf("channel %s, want call", card.Outreach[0].Channel)
	}
	t.Run("ErrOtherCustomer", func(t *testing.T) {
		if _, err := f.s.DonePerson(ctx, f.ann.ID, ids[:1], model.Call, ""); model.ErrorCode(err) != model.EINVALID {
			t.Errorf("err %v, want EINVALID", err)
		}
	})
	t.Run("ErrAlreadyDone", func(t *testing.T) {
		if _, err := f.s.DonePerson(ctx, f.dan.ID, ids, model.Call, ""); model.ErrorCode(err) != model.ECONFLICT {
			t.Errorf("err %v, want ECONFLICT", err)
		}
	})
	for i, id := range ids {
		if _, err := f.s.UndoItem(ctx, id); err != nil {
			t.Fatal(err)
		}
		card, err := f.s.Card(ctx, f.dan.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := 1
		if i == len(ids)-1 {
			want = 0
		}
		if got := len(card.Outreach); got != want {
			t.Errorf("after undoing %d of %d: %d outreach entries, want %d", i+1, len(ids), got, want)
		}
	}
}

func TestTemplates(t *testing.T) {
	ctx := context.Background()
	f := newWeekFixture(t)
	must(t, f.s.SetTemplate(ctx, "signature", "Maria, Café Linde"))
	must(t, f.s.SetTemplate(ctx, "unhappy", "Dear {first}, sorry. — {signature}"))
	tpl, err := f.s.Templates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tpl.For("signature"), "Maria, Café Linde"; got != want {
		t.Errorf("signature %q, want %q", got, want)
	}
	w := f.week(t, monday)
	for _, p := range w.People() {
		if p.CustomerID == f.gus.ID {
			if got, want := p.Draft, "Dear Gus, sorry. — Maria, Café Linde"; got != want {
				t.Errorf("draft %q, want %q", got, want)
			}
		}
	}
	t.Run("ErrName", func(t *testing.T) {
		if err := f.s.SetTemplate(ctx, "bday", "x"); model.ErrorCode(err) != model.EINVALID {
			t.Errorf("err %v, want EINVALID", err)
		}
	})
}

// An unhappy customer replied to: the week says whether they came back,
// and the header counts those won back this year.
func TestWeekWonBack(t *testing.T) {
	ctx := context.Background()
	f := newWeekFixture(t)
	id := model.ItemID(model.KindUnhappy, f.gus.ID, fmt.Sprint(f.unhappy.ID))
	if _, err := f.s.DoneItem(ctx, id, model.Call, ""); err != nil {
		t.Fatal(err)
	}
	w := f.week(t, monday)
	if got := w.Item(id).Reason; !strings.HasSuffix(got, "not seen since the reply") {
		t.Errorf("reason %q, want not seen since the reply", got)
	}
	if w.WonBack != 0 {
		t.Errorf("won back %d, want 0", w.WonBack)
	}
	must(t, f.s.AddVisit(ctx, &model.Visit{CustomerID: f.gus.ID, On: d(2026, 11, 24), Cents: 800}))
	w = weekOn(t, f.s, d(2026, 11, 25))
	if got := w.Item(id).Reason; !strings.HasSuffix(got, "came back on Tue 24 Nov") {
		t.Errorf("reason %q, want came back on Tue 24 Nov", got)
	}
	if got, want := w.WonBack, 1; got != want {
		t.Errorf("won back %d, want %d", got, want)
	}
	if got := w.Header(); !strings.Contains(got, "1 won back this year") {
		t.Errorf("header %q", got)
	}
}

// Unhappy feedback never drops off the queue until it is replied to: it
// cannot be snoozed.
func TestWeekUnhappyNotSnoozed(t *testing.T) {
	f := newWeekFixture(t)
	id := model.ItemID(model.KindUnhappy, f.gus.ID, fmt.Sprint(f.unhappy.ID))
	if _, err := f.s.SnoozeItem(context.Background(), id); model.ErrorCode(err) != model.ECONFLICT {
		t.Fatalf("snooze: %v, want ECONFLICT", err)
	}
	if got := stateOf(f.week(t, monday), id); got != model.Open {
		t.Errorf("state %s, want open", got)
	}
}
