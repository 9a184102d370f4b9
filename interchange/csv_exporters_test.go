package interchange_test

import (
	"strings"
	"testing"
	"time"

	"regulars/interchange"
)

func TestParseCSV_Thunderbird(t *testing.T) {
	in := "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Work Phone,Home Phone,Fax Number,Pager Number,Mobile Number,Home Address,Home Address 2,Home City,Home State,Home ZipCode,Home Country,Work Address,Work Address 2,Work City,Work State,Work ZipCode,Work Country,Job Title,Department,Organization,Web Page 1,Web Page 2,Birth Year,Birth Month,Birth Day,Custom 1,Custom 2,Custom 3,Custom 4,Notes,\n" +
		"Anna,Schmidt,Anna Schmidt,Annie,anna@example.com,anna@work.example,030 111,030 222,030 999,,0151 333,Hauptstr. 1,,Berlin,,10115,Germany,,,,,,,Barista,,,http://anna.example,,1986,4,15,,,,,likes oat milk,\n"
	b := parseString(t, in, interchange.FormatCSV)
	if got, want := b.Format, "Thunderbird CSV"; got != want {
		t.Errorf("format = %q, want %q", got, want)
	}
	r := byName(t, b, "Anna Schmidt")
	c := r.Customer
	if c.Email != "anna@example.com" || c.Phone != "0151 333" || c.Nickname != "Annie" {
		t.Errorf("email, phone, nickname = %q, %q, %q", c.Email, c.Phone, c.Nickname)
	}
	if got, want := c.Birthday, md(1986, time.April, 15); got != want {
		t.Errorf("birthday = %v, want %v", got, want)
	}
	for _, want := range []string{"likes oat milk", "anna@work.example", "030 111", "030 222", "Hauptstr. 1", "Berlin", "10115"} {
		if !hasNote(r, want) {
			t.Errorf("notes %+v lack %q", r.Notes, want)
		}
	}
	if len(b.Warnings) != 1 || !strings.Contains(b.Warnings[0].Text, "Fax Number") || !strings.Contains(b.Warnings[0].Text, "Web Page 1") || strings.Contains(b.Warnings[0].Text, "Pager") {
		t.Errorf("warnings = %v: want one naming the unread columns with data", b.Warnings)
	}
}

func TestParseCSV_Outlook(t *testing.T) {
	in := `"First Name","Middle Name","Last Name","Title","Suffix","E-mail Address","E-mail 2 Address","Business Phone","Home Phone","Mobile Phone","Birthday","Notes","Categories"` + "\n" +
		`"Tom","","Baker","","","tom@example.com","","+1 555 0100","+1 555 0101","","12/24/1970","espresso","Regulars;VIP"` + "\n" +
		`"Ann","","Lee","","","","","","","+1 555 0199","0/0/00","",""` + "\n"
	b := parseString(t, in, interchange.FormatCSV)
	if got, want := b.Format, "Outlook CSV"; got != want {
		t.Errorf("format = %q, want %q", got, want)
	}
	tom := byName(t, b, "Tom Baker")
	if tom.Customer.Phone != "+1 555 0101" && tom.Customer.Phone != "+1 555 0100" {
		t.Errorf("phone = %q", tom.Customer.Phone)
	}
	if got, want := tom.Customer.Birthday, md(1970, time.December, 24); got != want {
		t.Errorf("birthday = %v, want %v", got, want)
	}
	if got := strings.Join(tom.Customer.Tags, "|"); got != "regulars|vip" {
		t.Errorf("tags = %q", got)
	}
	if !hasNote(tom, "espresso") {
		t.Errorf("notes = %+v", tom.Notes)
	}
	ann := byName(t, b, "Ann Lee")
	if ann.Customer.Phone != "+1 555 0199" || !ann.Customer.Birthday.IsZero() {
		t.Errorf("ann = %+v", ann.Customer)
	}
}

func TestParseCSV_WindowsLiveMail(t *testing.T) {
	in := "First Name,Last Name,Middle Name,Name,Nickname,E-mail Address,Home Street,Home City,Home Postal Code,Home State,Home Country/Region,Home Phone,Home Fax,Mobile Phone,Personal Web Page,Business Street,Business City,Business Postal Code,Business State,Business Country/Region,Company Web Page,Company,Business Phone,Business Fax,Pager,Job Title,Department,Office Location,Notes\n" +
		"Maria,Rossi,,Rossi,,maria@example.com,,,,,,,,+39 333 1234567,,,,,,,,,,,,,,,\n"
	b := parseString(t, in, interchange.FormatCSV)
	r := byName(t, b, "Maria Rossi")
	if r.Customer.Phone != "+39 333 1234567" || r.Customer.Email != "maria@example.com" {
		t.Errorf("customer = %+v", r.Customer)
	}
}

func TestParseCSV_DateOrder(t *testing.T) {
	uk := "Name,Birthday\nA,05/01/1990\nB,25/12/1980\n"
	b := parseString(t, uk, interchange.FormatCSV)
	if got, want := byName(t, b, "A").Customer.Birthday, md(1990, time.January, 5); got != want {
		t.Errorf("UK file: 05/01/1990 = %v, want %v (day first: the column has 25/12)", got, want)
	}
	us := "Name,Birthday\nA,05/01/1990\nB,12/25/1980\n"
	b = parseString(t, us, interchange.FormatCSV)
	if got, want := byName(t, b, "A").Customer.Birthday, md(1990, time.May, 1); got != want {
		t.Errorf("US file: 05/01/1990 = %v, want %v", got, want)
	}
	ambiguous := "Name,Birthday\nA,05/01/1990\nB,03/04/1980\n"
	_, err := interchange.Parse(strings.NewReader(ambiguous), interchange.FormatCSV, interchange.DefaultLimits)
	if err == nil || !strings.Contains(err.Error(), "--date-order") {
		t.Fatalf("err = %v: want the ambiguous column refused, naming --date-order", err)
	}
	lim := interchange.DefaultLimits
	lim.DateOrder = interchange.DateDMY
	b, err = interchange.Parse(strings.NewReader(ambiguous), interchange.FormatCSV, lim)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := byName(t, b, "B").Customer.Birthday, md(1980, time.April, 3); got != want {
		t.Errorf("dmy: 03/04/1980 = %v, want %v", got, want)
	}
}

func TestParseCSV_Windows1252(t *testing.T) {
	b := parseString(t, "Name,Notes\nRen\xe9e,5 \x80\n", interchange.FormatCSV)
	r := byName(t, b, "Renée")
	if !hasNote(r, "5 €") {
		t.Errorf("notes = %+v", r.Notes)
	}
	if len(b.Warnings) == 0 {
		t.Errorf("no warning that the file was read as Windows-1252")
	}
}
