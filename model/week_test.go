package model_test

import (
	"strings"
	"testing"
	"time"

	"regulars/model"
)

var rules = model.DefaultWeekRules

func day(y int, m time.Month, d int) model.Date { return model.Date{Year: y, Month: m, Day: d} }

func ids(items []model.Item) string {
	var s []string
	for _, it := range items {
		s = append(s, it.ID)
	}
	return strings.Join(s, " ")
}

func TestWeekOf(t *testing.T) {
	for _, tt := range []struct{ d, want model.Date }{
		{day(2026, 11, 23), day(2026, 11, 23)}, // a Monday
		{day(2026, 11, 27), day(2026, 11, 23)}, // Friday
		{day(2026, 11, 29), day(2026, 11, 23)}, // Sunday
		{day(2027, 1, 1), day(2026, 12, 28)},   // across the year
		{day(2026, 10, 25), day(2026, 10, 19)}, // the day the clocks go back
	} {
		if got, want := model.WeekOf(tt.d), tt.want; got != want {
			t.Errorf("WeekOf(%s) = %s, want %s", tt.d, got, want)
		}
	}
}

func TestYearlyItems(t *testing.T) {
	c := func(id int64, md model.MonthDay) model.YearlyCandidate {
		return model.YearlyCandidate{CustomerID: id, Name: "C", Date: md}
	}
	for _, tt := range []struct {
		name  string
		today model.Date
		kind  model.Kind
		cs    []model.YearlyCandidate
		want  string // ids
		dues  []model.Date
		why   string // the first item's reason
	}{
		{
			name: "YearWrap", today: day(2026, 12, 28), kind: model.KindBirthday,
			cs: []model.YearlyCandidate{
				c(1, model.MonthDay{Year: 1987, Month: 1, Day: 2}),
				c(2, model.MonthDay{Month: 1, Day: 3}),
				c(3, model.MonthDay{Month: 1, Day: 4}),   // a day too late
				c(4, model.MonthDay{Month: 12, Day: 27}), // yesterday: next year's
				c(5, model.MonthDay{Month: 12, Day: 28}), // today
			},
			want: "birthday:5:2026 birthday:1:2027 birthday:2:2027",
			dues: []model.Date{day(2026, 12, 28), day(2027, 1, 2), day(2027, 1, 3)},
			why:  "birthday on Mon 28 Dec",
		},
		{
			name: "Feb29InCommonYear", today: day(2027, 2, 24), kind: model.KindBirthday,
			cs:   []model.YearlyCandidate{c(7, model.MonthDay{Year: 1988, Month: 2, Day: 29})},
			want: "birthday:7:2027", dues: []model.Date{day(2027, 2, 28)},
			why: "turns 39 on Sun 28 Feb",
		},
		{
			name: "Feb29PassedInCommonYear", today: day(2027, 3, 1), kind: model.KindBirthday,
			cs: []model.YearlyCandidate{c(7, model.MonthDay{Year: 1988, Month: 2, Day: 29})},
		},
		{
			name: "Feb29InLeapYear", today: day(2028, 2, 29), kind: model.KindBirthday,
			cs:   []model.YearlyCandidate{c(7, model.MonthDay{Month: 2, Day: 29})},
			want: "birthday:7:2028", dues: []model.Date{day(2028, 2, 29)},
			why: "birthday on Tue 29 Feb",
		},
		{
			// The clocks go back on Sun 25 Oct 2026 in Europe: the window
			// is still seven calendar days.
			name: "AcrossDSTChange", today: day(2026, 10, 23), kind: model.KindAnniversary,
			cs: []model.YearlyCandidate{
				c(1, model.MonthDay{Year: 2016, Month: 10, Day: 25}),
				c(2, model.MonthDay{Month: 10, Day: 29}),
				c(3, model.MonthDay{Month: 10, Day: 30}),
			},
			want: "anniversary:1:2026 anniversary:2:2026",
			dues: []model.Date{day(2026, 10, 25), day(2026, 10, 29)},
			why:  "10th anniversary on Sun 25 Oct",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			items := rules.BuildItems(tt.today, model.WeekData{Birthdays: tt.cs})
			if tt.kind == model.KindAnniversary {
				items = rules.BuildItems(tt.today, model.WeekData{Anniversaries: tt.cs})
			}
			if got, want := ids(items), tt.want; got != want {
				t.Fatalf("ids = %q, want %q", got, want)
			}
			for i, it := range items {
				if got, want := it.Due, tt.dues[i]; got != want {
					t.Errorf("%s due %s, want %s", it.ID, got, want)
				}
				if got, want := it.Kind, tt.kind; got != want {
					t.Errorf("%s kind %s, want %s", it.ID, got, want)
				}
			}
			if len(items) > 0 {
				if got, want := items[0].Reason, tt.why; got != want {
					t.Errorf("reason = %q, want %q", got, want)
				}
			}
		})
	}
}

func TestThankYouItems(t *testing.T) {
	today := day(2026, 11, 27)
	items := rules.ThankYouItems(today, []model.ThankYouCandidate{
		{ID: 1, CustomerID: 10, Reason: "cake", Due: day(2026, 11, 20)},
		{ID: 2, CustomerID: 11, Reason: "hamper", Due: day(2026, 12, 3)}, // last day of the window
		{ID: 3, CustomerID: 12, Reason: "later", Due: day(2026, 12, 4)},
		{ID: 4, CustomerID: 13, Reason: "today", Due: today},
	})
	if got, want := ids(items), "thank-you:10:1 thank-you:11:2 thank-you:13:4"; got != want {
		t.Fatalf("ids = %q, want %q", got, want)
	}
	for i, want := range []string{"cake: overdue since Fri 20 Nov", "hamper: due Thu 3 Dec", "today: due today"} {
		if got := items[i].Reason; got != want {
			t.Errorf("reason %d = %q, want %q", i, got, want)
		}
	}
	if got, want := items[0].ThankYouID, int64(1); got != want {
		t.Errorf("ThankYouID = %d, want %d", got, want)
	}
}

func TestBigPurchaseItems(t *testing.T) {
	today := day(2026, 11, 27)
	items := rules.BigPurchaseItems(today, []model.PurchaseCandidate{
		{VisitID: 1, CustomerID: 10, On: day(2026, 11, 21), Cents: 2000}, // exactly twice: big
		{VisitID: 2, CustomerID: 11, On: day(2026, 11, 25), Cents: 1999}, // not quite
		{VisitID: 3, CustomerID: 12, On: day(2026, 11, 20), Cents: 9000}, // before the window
		{VisitID: 4, CustomerID: 10, On: day(2026, 11, 26), Cents: 5000}, // the same customer's biggest
	}, 1000)
	if got, want := ids(items), "thank-you:10:v4"; got != want {
		t.Fatalf("ids = %q, want %q", got, want)
	}
	if got, want := items[0].Due, day(2026, 12, 3); got != want {
		t.Errorf("due = %s, want a week after the purchase, %s", got, want)
	}
	if got, want := items[0].VisitID, int64(4); got != want {
		t.Errorf("VisitID = %d, want %d", got, want)
	}
	if got := rules.BigPurchaseItems(today, []model.PurchaseCandidate{{VisitID: 1, CustomerID: 1, On: today, Cents: 1}}, 0); len(got) != 0 {
		t.Errorf("with no visits yet (median 0) got %v", ids(got))
	}
}

func TestTopSpenderItems(t *testing.T) {
	today := day(2026, 11, 27)
	t.Run("One", func(t *testing.T) {
		items := rules.TopSpenderItems(today, []model.SpendCandidate{{CustomerID: 1, Cents: 500}, {CustomerID: 2, Cents: 900}})
		if got, want := ids(items), "top-spender:2:2026-11-23"; got != want {
			t.Fatalf("ids = %q, want %q", got, want)
		}
		if got, want := items[0].Reason, "top spender this week: 9.00: say thank you"; got != want {
			t.Errorf("reason = %q, want %q", got, want)
		}
	})
	t.Run("Tie", func(t *testing.T) {
		items := rules.TopSpenderItems(today, []model.SpendCandidate{
			{CustomerID: 3, Cents: 900}, {CustomerID: 1, Cents: 500}, {CustomerID: 2, Cents: 900}})
		if got, want := ids(items), "top-spender:3:2026-11-23 top-spender:2:2026-11-23"; got != want {
			t.Fatalf("ids = %q, want %q", got, want)
		}
		if !strings.HasPrefix(items[0].Reason, "joint top spender this week (2 way tie): 9.00") {
			t.Errorf("reason = %q", items[0].Reason)
		}
	})
	t.Run("NoSpend", func(t *testing.T) {
		if items := rules.TopSpenderItems(today, []model.SpendCandidate{{CustomerID: 1}}); len(items) != 0 {
			t.Errorf("got %q, want nothing", ids(items))
		}
	})
}

func TestNewCustomerItems(t *testing.T) {
	today := day(2026, 11, 27)
	items := rules.NewCustomerItems(today, []model.NewCandidate{
		{CustomerID: 1, FirstVisit: day(2026, 11, 21), Added: day(2025, 1, 1)}, // first visit on the window's first day
		{CustomerID: 2, FirstVisit: day(2026, 11, 20)},                         // the day before
		{CustomerID: 3, Added: day(2026, 11, 27)},                              // added today, no visit yet
		{CustomerID: 4, Added: day(2026, 11, 1)},
		{CustomerID: 5, Added: day(2026, 11, 27), Imported: true}, // imported: a customer from before
	})
	if got, want := ids(items), "new-customer:1 new-customer:3"; got != want {
		t.Fatalf("ids = %q, want %q", got, want)
	}
	if got, want := items[0].Reason, "first visit on Sat 21 Nov: welcome them"; got != want {
		t.Errorf("reason = %q, want %q", got, want)
	}
}

func TestCheckInItems(t *testing.T) {
	today := day(2026, 11, 27)
	var cs []model.SpendCandidate
	for i := int64(1); i <= 14; i++ {
		cs = append(cs, model.SpendCandidate{CustomerID: i, Cents: 1000 * i})
	}
	// The 90 quiet days (issue 14: a season, was 30) run up to the start
	// of the queue week, Mon 23 Nov.
	cs[13].LastOutreach = day(2026, 8, 25)                             // 90 days before: skipped
	cs[12].LastOutreach = day(2026, 8, 24)                             // 91 days before: due a check-in
	cs[11].LastOutreach = day(2026, 11, 24)                            // this week: still this week's check-in
	cs[0].Cents = 0                                                    // spent nothing
	cs = append(cs, model.SpendCandidate{CustomerID: 20, Cents: 4000}) // ties with 4: lower id first
	items := rules.CheckInItems(today, cs)
	want := "check-in:13:2026-11-23 check-in:12:2026-11-23 check-in:11:2026-11-23 check-in:10:2026-11-23 " +
		"check-in:9:2026-11-23 check-in:8:2026-11-23 check-in:7:2026-11-23 check-in:6:2026-11-23 " +
		"check-in:5:2026-11-23 check-in:4:2026-11-23"
	if got := ids(items); got != want {
		t.Fatalf("ids = %q, want %q", got, want)
	}
	// Built into the week, they keep their rank order.
	if got := ids(rules.BuildItems(today, model.WeekData{YearSpend: cs})); got != want {
		t.Errorf("in the week: ids = %q, want %q", got, want)
	}
	if got, want := items[0].Reason, "#1 by spend over the last year (130.00), last contacted Mon 24 Aug"; got != want {
		t.Errorf("reason = %q, want %q", got, want)
	}
	// Contacted this week: still this week's check-in, and the reason says
	// so instead of "never".
	if got, want := items[2].Reason, "#3 by spend over the last year (110.00), never contacted"; got != want {
		t.Errorf("reason = %q, want %q", got, want)
	}
	cs[10].LastContact = day(2026, 11, 24)
	if got, want := rules.CheckInItems(today, cs)[2].Reason, "#3 by spend over the last year (110.00), last contacted Tue 24 Nov"; got != want {
		t.Errorf("reason = %q, want %q", got, want)
	}
}

func TestMedianGap(t *testing.T) {
	for _, tt := range []struct {
		days []model.Date
		want float64
		ok   bool
	}{
		{[]model.Date{day(2026, 1, 1), day(2026, 1, 8)}, 0, false},
		{[]model.Date{day(2026, 1, 15), day(2026, 1, 1), day(2026, 1, 8)}, 7, true},                   // any order
		{[]model.Date{day(2026, 1, 1), day(2026, 1, 8), day(2026, 1, 10), day(2026, 2, 10)}, 7, true}, // gaps 7 2 31
		{[]model.Date{day(2026, 1, 1), day(2026, 1, 8), day(2026, 1, 11), day(2026, 1, 31), day(2026, 2, 1)}, 5, true},
		{[]model.Date{day(2026, 1, 1), day(2026, 1, 1), day(2026, 1, 1)}, 0, true}, // the same day twice
		{[]model.Date{day(2026, 12, 30), day(2027, 1, 2), day(2027, 1, 6)}, 3.5, true},
	} {
		got, ok := model.MedianGap(tt.days)
		if got != tt.want || ok != tt.ok {
			t.Errorf("MedianGap(%v) = %v, %v; want %v, %v", tt.days, got, ok, tt.want, tt.ok)
		}
	}
}

func TestLapsedItems(t *testing.T) {
	today := day(2026, 11, 27)
	regular := func(id int64, last model.Date, gap float64) model.LapsedCandidate {
		return model.LapsedCandidate{CustomerID: id, LastVisit: last, NthLastVisit: day(2026, 9, 1), MedianGap: gap}
	}
	items := rules.LapsedItems(today, []model.LapsedCandidate{
		regular(1, today.AddDays(-21), 7),    // away 21 days: not more than max(21, 14)
		regular(2, today.AddDays(-22), 7),    // 22: lapsed
		regular(3, today.AddDays(-60), 30),   // exactly twice their gap of 30
		regular(4, today.AddDays(-61), 30),   // more than twice
		regular(5, today.AddDays(-25), 12.5), // twice 12.5 is 25: not yet
		regular(9, today.AddDays(-26), 12.5),
		{CustomerID: 6, LastVisit: today.AddDays(-40), NthLastVisit: today.AddDays(-180), MedianGap: 7}, // third visit too long ago
		{CustomerID: 7, LastVisit: today.AddDays(-40), NthLastVisit: today.AddDays(-179), MedianGap: 7}, // just in
		{CustomerID: 8, LastVisit: today.AddDays(-40), MedianGap: 7},                                    // fewer than three visits
	})
	if got, want := ids(items), "lapsed:2:2026-11-05 lapsed:4:2026-09-27 lapsed:9:2026-11-01 lapsed:7:2026-10-18"; got != want {
		t.Fatalf("ids = %q, want %q", got, want)
	}
	if got, want := items[2].Reason, "last came Sun 1 Nov, 26 days ago; about every two weeks"; got != want {
		t.Errorf("reason = %q, want %q", got, want)
	}
}

func TestUnhappyAndFollowUpItems(t *testing.T) {
	today := day(2026, 11, 27)
	items := rules.BuildItems(today, model.WeekData{
		Feedback: []model.FeedbackCandidate{
			{ID: 1, CustomerID: 10, On: day(2025, 3, 1), Rating: 3, Comment: "Slow\nservice"},
			{ID: 2, CustomerID: 11, On: today, Rating: 4},
		},
		FollowUps: []model.FollowUpCandidate{
			// Issue 14: on the queue only a week past the ask-on day,
			// without a visit since (the card asks in person).
			{NoteID: 5, CustomerID: 10, AskOn: day(2026, 11, 20), Text: "Ask about   Lisbon", LastVisit: day(2026, 11, 19)},
			{NoteID: 6, CustomerID: 12, AskOn: day(2026, 11, 21), Text: "too early"},
			{NoteID: 7, CustomerID: 13, AskOn: day(2026, 11, 1), Text: "late"},
			{NoteID: 8, CustomerID: 14, AskOn: day(2026, 11, 1), Text: "came in since", LastVisit: day(2026, 11, 1)},
		},
	})
	if got, want := ids(items), "unhappy:10:1 follow-up:13:7 follow-up:10:5"; got != want {
		t.Fatalf("ids = %q, want %q", got, want)
	}
	for i, want := range []string{`rated 3/5 on Sat 1 Mar: "Slow service"`, "call to ask: late (meant to ask on Sun 1 Nov)", "call to ask: Ask about Lisbon (meant to ask on Fri 20 Nov)"} {
		if got := items[i].Reason; got != want {
			t.Errorf("reason %d = %q, want %q", i, got, want)
		}
	}
}

// One customer can be on the queue several times over, once per reason,
// and the ids do not change from one run to the next.
func TestBuildItemsSeveralKindsStableIDs(t *testing.T) {
	today := day(2026, 11, 27)
	data := model.WeekData{
		Birthdays:   []model.YearlyCandidate{{CustomerID: 42, Name: "Ann", Date: model.MonthDay{Year: 1986, Month: 11, Day: 28}}},
		ThankYous:   []model.ThankYouCandidate{{ID: 3, CustomerID: 42, Name: "Ann", Reason: "cake", Due: today}},
		WeekSpend:   []model.SpendCandidate{{CustomerID: 42, Name: "Ann", Cents: 5000}},
		Feedback:    []model.FeedbackCandidate{{ID: 9, CustomerID: 42, Name: "Ann", On: today, Rating: 2}},
		FollowUps:   []model.FollowUpCandidate{{NoteID: 4, CustomerID: 42, Name: "Ann", AskOn: today.AddDays(-7), Text: "Lisbon"}},
		MedianCents: 1000,
		Purchases:   []model.PurchaseCandidate{{VisitID: 8, CustomerID: 42, Name: "Ann", On: today, Cents: 5000}},
	}
	first := rules.BuildItems(today, data)
	want := "birthday:42:2026 thank-you:42:3 thank-you:42:v8 top-spender:42:2026-11-23 unhappy:42:9 follow-up:42:4"
	if got := ids(first); got != want {
		t.Fatalf("ids = %q, want %q", got, want)
	}
	for _, it := range first {
		if it.CustomerID != 42 || it.Customer != "Ann" || it.State != model.Open {
			t.Errorf("%s: customer %d %q state %s", it.ID, it.CustomerID, it.Customer, it.State)
		}
		if kind, cid, err := model.ParseItemID(it.ID); err != nil || kind != it.Kind || cid != 42 {
			t.Errorf("ParseItemID(%q) = %s, %d, %v", it.ID, kind, cid, err)
		}
	}
	if got, want := first[0].Reason, "turns 40 on Sat 28 Nov"; got != want {
		t.Errorf("reason = %q, want %q", got, want)
	}
	// Later in the same week (Sunday) the birthday item is the same item.
	if got := rules.BuildItems(day(2026, 11, 28), data); got[0].ID != first[0].ID {
		t.Errorf("a day later the birthday is %s, want %s", got[0].ID, first[0].ID)
	}
	if got := ids(rules.BuildItems(today, data)); got != want {
		t.Errorf("second run: ids = %q, want %q", got, want)
	}
}

func TestParseItemID(t *testing.T) {
	for _, bad := range []string{"", "birthday", "birthday:x:2026", "party:1:2026", "birthday:-1", "birthday:0:2026"} {
		if _, _, err := model.ParseItemID(bad); model.ErrorCode(err) != model.EINVALID {
			t.Errorf("ParseItemID(%q) = %v, want EINVALID", bad, err)
		}
	}
}

func TestApplyStates(t *testing.T) {
	today := day(2026, 11, 27) // week of Mon 23 Nov
	thisWeek, lastWeek := day(2026, 11, 23), day(2026, 11, 16)
	item := func(id string, kind model.Kind) model.Item {
		return model.Item{ID: id, Kind: kind, CustomerID: 1, Due: today, State: model.Open}
	}
	items := []model.Item{
		item("birthday:1:2026", model.KindBirthday),
		item("lapsed:1:2026-10-01", model.KindLapsed),
		item("follow-up:1:5", model.KindFollowUp),
		item("follow-up:1:6", model.KindFollowUp),
		item("follow-up:1:7", model.KindFollowUp),
	}
	rec := func(id string, kind model.Kind, state model.State, week model.Date) model.ItemRecord {
		return model.ItemRecord{Item: model.Item{ID: id, Kind: kind, CustomerID: 1, Due: today.AddDays(-1), State: state}, Week: week}
	}
	records := []model.ItemRecord{
		rec("birthday:1:2026", model.KindBirthday, model.Done, thisWeek),   // done now: shown as done
		rec("lapsed:1:2026-10-01", model.KindLapsed, model.Done, lastWeek), // done before: gone for good
		rec("follow-up:1:5", model.KindFollowUp, model.Snoozed, thisWeek),  // hidden this week
		rec("follow-up:1:6", model.KindFollowUp, model.Snoozed, lastWeek),  // back again
		rec("thank-you:1:3", model.KindThankYou, model.Done, thisWeek),     // closed by done: still shown
		rec("unhappy:1:4", model.KindUnhappy, model.Done, lastWeek),        // done last week, closed: gone
	}
	w := rules.ApplyStates(today, items, records, []model.Date{thisWeek, lastWeek, day(2026, 11, 2)})
	var got []string
	for _, it := range w.Items {
		got = append(got, it.ID+"="+string(it.State))
	}
	want := "birthday:1:2026=done thank-you:1:3=done follow-up:1:5=snoozed follow-up:1:6=open follow-up:1:7=open"
	if got := strings.Join(got, " "); got != want {
		t.Fatalf("items = %q\nwant    %q", got, want)
	}
	if w.Open != 2 || w.Done != 2 || w.Snoozed != 1 || w.Streak != 2 {
		t.Errorf("open %d done %d snoozed %d streak %d, want 2 2 1 2", w.Open, w.Done, w.Snoozed, w.Streak)
	}
	if got, want := w.Header(), "2 to do · 2 done · 1 snoozed · 2 weeks in a row"; got != want {
		t.Errorf("header = %q, want %q", got, want)
	}
	if got, want := len(w.Visible()), 4; got != want {
		t.Errorf("visible = %d, want %d", got, want)
	}
	if w.Start != today || w.End != day(2026, 12, 3) || w.WeekOf != thisWeek {
		t.Errorf("start %s end %s week %s", w.Start, w.End, w.WeekOf)
	}
}

func TestStreak(t *testing.T) {
	this := day(2026, 11, 23)
	for _, tt := range []struct {
		name   string
		worked []model.Date
		want   int
	}{
		{"Never", nil, 0},
		{"ThisWeekOnly", []model.Date{this}, 1},
		{"ThreeInARow", []model.Date{this, this.AddDays(-7), this.AddDays(-14), this.AddDays(-28)}, 3},
		// This week is not over: last week's streak still stands.
		{"NotYetThisWeek", []model.Date{this.AddDays(-7), this.AddDays(-14)}, 2},
		{"Broken", []model.Date{this.AddDays(-14), this.AddDays(-21)}, 0},
		{"AnyDayOfTheWeek", []model.Date{this.AddDays(4), this.AddDays(-1)}, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := model.Streak(tt.worked, this.AddDays(4)), tt.want; got != want {
				t.Errorf("Streak = %d, want %d", got, want)
			}
		})
	}
}

func TestOrdinal(t *testing.T) {
	for n, want := range map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 22: "22nd", 101: "101st", 111: "111th"} {
		if got := model.Ordinal(n); got != want {
			t.Errorf("Ordinal(%d) = %q, want %q", n, got, want)
		}
	}
}

// The queue's reasons say days the way Date.Short does.
func TestReasonDaysMatchShort(t *testing.T) {
	for d := day(2026, 1, 1); d.Year == 2026; d = d.AddDays(1) {
		items := rules.FollowUpItems(d.AddDays(7), []model.FollowUpCandidate{{NoteID: 1, CustomerID: 1, AskOn: d, Text: "x"}})
		if got, want := items[0].Reason, "call to ask: x (meant to ask on "+d.Short()+")"; got != want {
			t.Fatalf("reason = %q, want %q", got, want)
		}
	}
}
