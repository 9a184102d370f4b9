package interchange

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"regulars/model"
)

// Survey is what a survey export holds: one response a row, each with the
// day it was given, who gave it and how they rated each category.
type Survey struct {
	Format     string
	Categories []string // the rated categories, in column order: "food", "service"
	Responses  []SurveyResponse
	Errors     []RecordError // rows that cannot be read
	Warnings   []Warning     // columns not read
}

// SurveyResponse is one person's answers.
type SurveyResponse struct {
	Where   string // "line 5"
	On      model.Date
	Email   string
	Phone   string
	Name    string
	Ratings map[string]int // category → 1 to 5; a category left blank is absent
	Comment string
}

// Lowest returns the lowest rating given, or 0 when none was.
func (r *SurveyResponse) Lowest() int {
	low := 0
	for _, v := range r.Ratings {
		if low == 0 || v < low {
			low = v
		}
	}
	return low
}

// SurveyColumns names the columns of a survey export whose headers the
// reader does not recognise (the command line's --columns). Empty fields
// are found from the headers.
type SurveyColumns struct {
	Timestamp, Email, Phone, Name, Comment string
	Ratings                                []string
}

// ParseSurveyColumns reads "email=Your e-mail,comment=Anything else?,
// rating=Food,rating=Service": what=HEADER pairs separated by commas.
func ParseSurveyColumns(s string) (SurveyColumns, error) {
	var c SurveyColumns
	for _, part := range strings.Split(s, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		k, v = strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(v)
		if !ok || v == "" {
			return c, model.Errorf(model.EINVALID, "%q: write each column as what=HEADER (email=Your e-mail)", strings.TrimSpace(part))
		}
		var dst *string
		switch k {
		case "timestamp", "date", "when":
			dst = &c.Timestamp
		case "email", "e-mail":
			dst = &c.Email
		case "phone":
			dst = &c.Phone
		case "name":
			dst = &c.Name
		case "comment":
			dst = &c.Comment
		case "rating":
			c.Ratings = append(c.Ratings, v)
			continue
		default:
			return c, model.Errorf(model.EINVALID, "%q is not a column to map: use timestamp, email, phone, name, comment or rating", k)
		}
		if *dst != "" {
			return c, model.Errorf(model.EINVALID, "%s is mapped twice", k)
		}
		*dst = v
	}
	return c, nil
}

// Headers that name the columns of a survey, lower case; a header holding
// one of these words is that column.
var (
	surveyStampWords   = []string{"timestamp", "zeitstempel", "submitted", "submission", "date", "time", "created"}
	surveyEmailWords   = []string{"e-mail", "email", "mail"}
	surveyPhoneWords   = []string{"phone", "mobile", "telephone", "telefon"}
	surveyNameWords    = []string{"name"}
	surveyCommentWords = []string{"comment", "anything else", "suggestion", "remark", "tell us", "feedback", "anmerkung", "kommentar"}
)

// ParseSurvey reads a survey export: Google Forms' CSV ("Timestamp", then
// one column a question), or any CSV with a timestamp, an e-mail, phone or
// name, one column of 1-to-5 ratings per category and a comment. Rating
// columns are those whose answers are all numbers from 1 to 5; a Google
// Forms grid's "How was it? [Food]" is the category "food". A response
// without a rating, or with none of e-mail, phone and name, is refused.
func ParseSurvey(r io.Reader, cols SurveyColumns, lim Limits) (*Survey, error) {
	lim = lim.orDefault()
	br := bufio.NewReaderSize(&lineLimitReader{r: r, lim: lim}, 64<<10)
	if head, err := br.Peek(3); err == nil && string(head) == string(utf8BOM) {
		br.Discard(3)
	}
	comma := sniffComma(br)
	cr := csv.NewReader(br)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, model.Errorf(model.EINVALID, "the survey file is empty")
	}
	if err != nil {
		return nil, surveyCSVError(err)
	}
	var rows [][]string
	var lines []int
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, surveyCSVError(err)
		}
		if len(rows) >= lim.MaxRecords {
			return nil, model.Errorf(model.EINVALID, "the file has more than %d responses; split it into smaller files", lim.MaxRecords)
		}
		line, _ := cr.FieldPos(0)
		rows = append(rows, rec)
		lines = append(lines, line)
	}
	cell := func(row []string, i int) string {
		if i < 0 || i >= len(row) {
			return ""
		}
		return strings.TrimSpace(row[i])
	}
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
		if !utf8.ValidString(header[i]) || hasControl(header[i]) {
			return nil, model.Errorf(model.EINVALID, "the header line is not UTF-8 text; save the survey as CSV UTF-8")
		}
	}
	find := func(name string) (int, error) {
		for i, h := range header {
			if strings.EqualFold(h, name) {
				return i, nil
			}
		}
		return -1, model.Errorf(model.EINVALID, "there is no column %q; the columns are: %s", name, strings.Join(quoteAll(header), ", "))
	}
	claimed := map[int]bool{}
	pick := func(mapped string, words []string, ratings bool) (int, error) {
		if mapped != "" {
			i, err := find(mapped)
			claimed[i] = true
			return i, err
		}
		for i, h := range header {
			if claimed[i] || ratings && surveyRatingColumn(rows, i) {
				continue
			}
			lh := strings.ToLower(h)
			for _, w := range words {
				if strings.Contains(lh, w) {
					claimed[i] = true
					return i, nil
				}
			}
		}
		return -1, nil
	}
	var stamp, email, phone, name, comment int
	for _, p := range []struct {
		dst    *int
		mapped string
		words  []string
	}{{&stamp, cols.Timestamp, surveyStampWords}, {&email, cols.Email, surveyEmailWords}, {&phone, cols.Phone, surveyPhoneWords},
		{&name, cols.Name, surveyNameWords}, {&comment, cols.Comment, surveyCommentWords}} {
		if *p.dst, err = pick(p.mapped, p.words, true); err != nil {
			return nil, err
		}
	}
	if stamp < 0 {
		return nil, model.Errorf(model.EINVALID, "the survey has no timestamp column; name it with --columns timestamp=HEADER")
	}
	if email < 0 && phone < 0 && name < 0 {
		return nil, model.Errorf(model.EINVALID, "the survey has no e-mail, phone or name column to find the customer by; name one with --columns email=HEADER")
	}
	sv := &Survey{Format: "survey CSV"}
	if strings.EqualFold(header[stamp], "Timestamp") {
		sv.Format = "Google Forms CSV"
	}
	var rating []int
	if len(cols.Ratings) > 0 {
		for _, h := range cols.Ratings {
			i, err := find(h)
			if err != nil {
				return nil, err
			}
			claimed[i] = true
			rating = append(rating, i)
		}
	} else {
		for i := range header {
			if !claimed[i] && surveyRatingColumn(rows, i) {
				claimed[i] = true
				rating = append(rating, i)
			}
		}
	}
	if len(rating) == 0 {
		return nil, model.Errorf(model.EINVALID, "the survey has no column of ratings from 1 to 5; name them with --columns rating=HEADER,rating=HEADER")
	}
	cats := make([]string, len(rating))
	seen := map[string]bool{}
	for k, i := range rating {
		cats[k] = surveyCategory(header[i])
		if cats[k] == "" || seen[cats[k]] {
			cats[k] = fmt.Sprintf("question %d", i+1)
		}
		seen[cats[k]] = true
	}
	sv.Categories = cats
	for i, h := range header {
		if !claimed[i] && h != "" {
			sv.Warnings = append(sv.Warnings, Warning{Where: "line 1", Text: fmt.Sprintf("the column %q is not read", model.Clip(h, 60))})
		}
	}
	days, err := surveyDays(rows, stamp, lim.DateOrder, lines)
	if err != nil {
		return nil, err
	}
	for k, row := range rows {
		if strings.TrimSpace(strings.Join(row, "")) == "" {
			continue
		}
		resp := SurveyResponse{Where: fmt.Sprintf("line %d", lines[k]), On: days[k].day,
			Email: cell(row, email), Phone: cell(row, phone), Name: strings.Join(strings.Fields(cell(row, name)), " "),
			Comment: cell(row, comment), Ratings: map[string]int{}}
		var reasons []string
		if days[k].err != "" {
			reasons = append(reasons, days[k].err)
		}
		for j, i := range rating {
			v := cell(row, i)
			if v == "" {
				continue
			}
			n, ok := surveyRating(v)
			if !ok {
				reasons = append(reasons, fmt.Sprintf("%s: %q is not a rating from 1 to 5", cats[j], model.Clip(v, 20)))
				continue
			}
			resp.Ratings[cats[j]] = n
		}
		if len(resp.Ratings) == 0 && len(reasons) == 0 {
			reasons = append(reasons, "no category was rated")
		}
		if resp.Email == "" && model.PhoneDigits(resp.Phone) == "" && resp.Name == "" {
			reasons = append(reasons, "no e-mail, phone or name to find the customer by")
		}
		for _, t := range []string{resp.Email, resp.Phone, resp.Name, resp.Comment} {
			if hasControl(t) || !utf8.ValidString(t) {
				reasons = append(reasons, "has control characters or is not UTF-8 text")
				break
			}
		}
		if len(reasons) > 0 {
			sv.Errors = append(sv.Errors, RecordError{Where: resp.Where, Name: model.Clip(firstNonEmpty(resp.Name, resp.Email, resp.Phone), 60), Reason: strings.Join(reasons, "; ")})
			continue
		}
		sv.Responses = append(sv.Responses, resp)
	}
	return sv, nil
}

func surveyCSVError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return model.Errorf(model.EINVALID, "line %d: %v", pe.Line, pe.Err)
	}
	return model.Errorf(model.EINVALID, "%s", model.ErrorMessage(err))
}

// surveyRatingColumn reports whether every answer in column i is a rating
// from 1 to 5, and there is at least one.
func surveyRatingColumn(rows [][]string, i int) bool {
	n := 0
	for _, row := range rows {
		if i >= len(row) || strings.TrimSpace(row[i]) == "" {
			continue
		}
		if _, ok := surveyRating(row[i]); !ok {
			return false
		}
		n++
	}
	return n > 0
}

// surveyRating reads "4", "4/5", "4 - Good" or "★★★★".
func surveyRating(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s != "" && strings.Trim(s, "★") == "" {
		n := strings.Count(s, "★")
		return n, n >= 1 && n <= 5
	}
	end := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	if end == 0 || end > 1 {
		return 0, false
	}
	rest := strings.TrimSpace(s[end:])
	if rest != "" && !strings.HasPrefix(rest, "/") && !strings.HasPrefix(rest, "-") && !strings.HasPrefix(rest, "(") && !strings.HasPrefix(rest, "–") {
		return 0, false
	}
	n, _ := strconv.Atoi(s[:end])
	return n, n >= 1 && n <= 5
}

// surveyCategory names a rating column: a Google Forms grid's bracketed
// row ("Rate your visit [Food]" → "food"), else the header's last word
// ("How was the service?" → "service").
func surveyCategory(h string) string {
	if i := strings.LastIndex(h, "["); i >= 0 && strings.HasSuffix(h, "]") {
		return strings.ToLower(strings.TrimSpace(h[i+1 : len(h)-1]))
	}
	words := strings.FieldsFunc(strings.ToLower(h), func(r rune) bool {
		return r == ' ' || r == '?' || r == ':' || r == '.' || r == '!' || r == '(' || r == ')' || r == '"' || r == ','
	})
	for i := len(words) - 1; i >= 0; i-- {
		if w := words[i]; w != "1-5" && w != "1–5" && w != "rating" && w != "score" {
			return w
		}
	}
	return ""
}

type surveyDay struct {
	day model.Date
	err string
}

// surveyDays reads each response's day from its timestamp (the date part:
// "2026/11/20 10:15:32 AM GMT+1", "11/20/2026 10:15:32", "20.11.2026
// 10:15"). Dates written D/M/YYYY or M/D/YYYY are read in the order the
// whole column settles; a column that does not is refused, naming the flag.
func surveyDays(rows [][]string, col int, order DateOrder, lines []int) ([]surveyDay, error) {
	out := make([]surveyDay, len(rows))
	datePart := func(row []string) string {
		if col >= len(row) {
			return ""
		}
		s := strings.TrimSpace(row[col])
		if i := strings.IndexAny(s, " T"); i > 0 && !strings.HasPrefix(s, "--") {
			s = s[:i]
		}
		return strings.TrimSuffix(s, ",")
	}
	if order == DateAuto {
		dmy, mdy, two := 0, 0, 0
		for k, row := range rows {
			a, b, ok := yearLast(datePart(row))
			switch {
			case !ok || a == b:
			case a > 12 && b <= 12:
				dmy = lines[k]
			case b > 12 && a <= 12:
				mdy = lines[k]
			case two == 0:
				two = lines[k]
			}
		}
		switch {
		case dmy > 0 && mdy > 0:
			return nil, model.Errorf(model.EINVALID, "the timestamps are day first (line %d) and month first (line %d): say which with --date-order dmy or --date-order mdy", dmy, mdy)
		case dmy > 0:
			order = DateDMY
		case mdy > 0:
			order = DateMDY
		case two > 0:
			return nil, model.Errorf(model.EINVALID, "the timestamps can be read day first or month first (line %d): say which with --date-order dmy (05/01/2026 is 5 January) or --date-order mdy (1 May)", two)
		}
	}
	for k, row := range rows {
		v := datePart(row)
		if v == "" {
			out[k].err = "no timestamp"
			continue
		}
		d, err := importDay(v, order)
		if err != nil {
			out[k].err = "timestamp: " + model.ErrorMessage(err)
			continue
		}
		out[k].day = d
	}
	return out, nil
}

func quoteAll(l []string) []string {
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = strconv.Quote(model.Clip(s, 40))
	}
	return out
}

func firstNonEmpty(l ...string) string {
	for _, s := range l {
		if s != "" {
			return s
		}
	}
	return ""
}

// SurveyComment is the feedback comment of a response: the categories
// rated UnhappyRating or lower with their ratings (all of them when none
// is), then what the person wrote: "food 2, service 3: the soup was cold".
func SurveyComment(r *SurveyResponse, categories []string) string {
	var low, all []string
	for _, c := range categories {
		v, ok := r.Ratings[c]
		if !ok {
			continue
		}
		p := c + " " + strconv.Itoa(v)
		all = append(all, p)
		if v <= model.UnhappyRating {
			low = append(low, p)
		}
	}
	if len(low) == 0 {
		low = all
	}
	s := strings.Join(low, ", ")
	if r.Comment != "" {
		s += ": " + r.Comment
	}
	return s
}
