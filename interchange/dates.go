package interchange

import (
	"strconv"
	"strings"
	"time"

	"regulars/model"
)

// Times in Regulars' own files: UTC to the millisecond, days YYYY-MM-DD.
const (
	timeLayout = "2006-01-02T15:04:05.000Z"
	dayLayout  = "2006-01-02"
)

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// parseTime reads a time leniently: zero when it is not one.
func parseTime(s string) time.Time {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s)
	}
	return t
}

// strictTime reads a time as export writes it.
func strictTime(s string) (time.Time, error) {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		t, err = time.Parse(time.RFC3339Nano, s)
	}
	if err != nil {
		return time.Time{}, model.Errorf(model.EINVALID, "%q is not a time like 2026-11-23T09:30:00.000Z", s)
	}
	return t, nil
}

// strictDay reads a YYYY-MM-DD day.
func strictDay(s string) (model.Date, error) {
	t, err := time.Parse(dayLayout, s)
	if err != nil {
		return model.Date{}, model.Errorf(model.EINVALID, "%q is not a day like 2026-11-23", s)
	}
	return model.DateOf(t), nil
}

// DateOrder says how to read a date whose year comes last: 05/01/1990 is
// 1 May in the United States and 5 January in Britain.
type DateOrder int

const (
	DateAuto DateOrder = iota // decide from the whole column; month first where a lone date must be read
	DateDMY                   // day first: 05/01/1990 is 5 January
	DateMDY                   // month first: 05/01/1990 is 1 May
)

// ParseDateOrder reads a --date-order value: dmy, mdy, or "" for auto.
func ParseDateOrder(s string) (DateOrder, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return DateAuto, nil
	case "dmy", "day-first":
		return DateDMY, nil
	case "mdy", "month-first":
		return DateMDY, nil
	}
	return DateAuto, model.Errorf(model.EINVALID, "unknown date order %q: use dmy (05/01/1990 is 5 January) or mdy (1 May)", s)
}

// yearLast returns the first two parts of a date written D/M/YYYY or
// M/D/YYYY (with / or -), and whether s is one.
func yearLast(s string) (a, b int, ok bool) {
	parts := strings.FieldsFunc(strings.TrimSpace(s), func(r rune) bool { return r == '/' || r == '-' })
	if len(parts) != 3 || len(parts[2]) != 4 || len(parts[0]) > 2 || len(parts[1]) > 2 {
		return 0, 0, false
	}
	for _, p := range parts {
		if !allDigits(p) {
			return 0, 0, false
		}
	}
	a, _ = strconv.Atoi(parts[0])
	b, _ = strconv.Atoi(parts[1])
	return a, b, true
}

// importDate reads a birthday or anniversary as exporters write it:
// YYYY-MM-DD, YYYYMMDD, --MMDD, --MM-DD, MM-DD, 0000-MM-DD (no year),
// MM/DD/YYYY or DD/MM/YYYY (as order says; month first for DateAuto),
// DD.MM.YYYY (always day first) and YYYY-MM-DD with a time after it.
func importDate(s string, order DateOrder) (model.MonthDay, error) {
	orig := s
	s = strings.TrimSpace(s)
	if s == "" {
		return model.MonthDay{}, nil
	}
	if i := strings.IndexAny(s, "Tt "); i >= 8 {
		s = s[:i] // a date-time: keep the date
	}
	dotted := strings.Count(s, ".") == 2 && !strings.HasPrefix(s, "--")
	s = strings.NewReplacer("/", "-", ".", "-").Replace(s)
	bad := model.Errorf(model.EINVALID, "%q is not a date (YYYY-MM-DD, or --MM-DD when the year is unknown)", orig)
	var year, month, day string
	switch parts := strings.Split(strings.TrimPrefix(s, "--"), "-"); {
	case strings.HasPrefix(s, "--") && len(parts) == 1 && len(s) == 6: // --MMDD
		month, day = s[2:4], s[4:6]
	case strings.HasPrefix(s, "--") && len(parts) == 2: // --MM-DD
		month, day = parts[0], parts[1]
	case strings.HasPrefix(s, "--"):
		return model.MonthDay{}, bad
	case len(parts) == 1 && len(s) == 8: // YYYYMMDD
		year, month, day = s[:4], s[4:6], s[6:]
	case len(parts) == 2: // MM-DD
		month, day = parts[0], parts[1]
	case len(parts) == 3 && len(parts[0]) == 4: // YYYY-MM-DD
		year, month, day = parts[0], parts[1], parts[2]
	case len(parts) == 3 && len(parts[2]) == 4 && (dotted || order == DateDMY): // DD.MM.YYYY, D/M/YYYY
		year, month, day = parts[2], parts[1], parts[0]
	case len(parts) == 3 && len(parts[2]) == 4: // MM-DD-YYYY, M/D/YYYY
		year, month, day = parts[2], parts[0], parts[1]
	default:
		return model.MonthDay{}, bad
	}
	for _, p := range []string{year, month, day} {
		if p != "" && !allDigits(p) {
			return model.MonthDay{}, bad
		}
	}
	if len(month) < 1 || len(month) > 2 || len(day) < 1 || len(day) > 2 {
		return model.MonthDay{}, bad
	}
	if year == "0000" {
		year = "" // some exporters write a year of zero for "unknown"
	}
	pad := func(p string) string { return strings.Repeat("0", 2-len(p)) + p }
	iso := "--" + pad(month) + "-" + pad(day)
	if year != "" {
		iso = year + iso[1:]
	}
	v, err := model.ParseMonthDay(iso)
	if err != nil {
		return model.MonthDay{}, model.Errorf(model.EINVALID, "%q: %s", orig, model.ErrorMessage(err))
	}
	return v, nil
}

// importDay reads a full calendar day (a visit's date).
func importDay(s string, order DateOrder) (model.Date, error) {
	md, err := importDate(s, order)
	if err != nil {
		return model.Date{}, err
	}
	if md.IsZero() {
		return model.Date{}, nil
	}
	if md.Year == 0 {
		return model.Date{}, model.Errorf(model.EINVALID, "%q has no year", s)
	}
	return model.Date{Year: md.Year, Month: md.Month, Day: md.Day}, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// foreignTags cleans labels from another program into tags: a comma would
// split a tag in Regulars, so it becomes a space.
func foreignTags(labels []string) []string {
	var out []string
	for _, l := range labels {
		l = strings.Join(strings.Fields(strings.ReplaceAll(l, ",", " ")), " ")
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}
