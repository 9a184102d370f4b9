package interchange_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"regulars/interchange"
	"regulars/model"
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
	if len(r.Notes) != 1 || !hasNote(r, "likes oat milk") {
		t.Errorf("notes %+v: want the Notes column alone", r.Notes)
	}
	// Every phone and e-mail, labelled, and the address: no longer a note.
	if got, want := fmt.Sprint(c.Phones), "[{mobile 0151 333 true} {home 030 222 false} {work 030 111 false}]"; got != want {
		t.Errorf("phones %s, want %s", got, want)
	}
	if got, want := fmt.Sprint(c.Emails), "[{other anna@example.com true} {other anna@work.example false}]"; got != want {
		t.Errorf("emails %s, want %s", got, want)
	}
	if got, want := c.Address, (model.Address{Street: "Hauptstr. 1", Postcode: "10115", Town: "Berlin", Country: "Germany"}); got != want {
		t.Errorf("address %+v, want %+v", got, want)
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
	if !hasNote(tom, "espresso") || len(tom.Notes) != 1 {
		t.Errorf("notes = %+v", tom.Notes)
	}
	if got, want := fmt.Sprint(tom.Customer.Phones), "[{home +1 555 0101 true} {work +1 555 0100 false}]"; got != want {
		t.Errorf("phones %s, want %s", got, want)
	}
	ann := byName(t, b, "Ann Lee")
	if ann.Customer.Phone != "+1 555 0199" || !ann.Customer.Birthday.IsZero() {
		t.Errorf("ann = %+v", ann.Customer)
	}
}

func TestParseCSV_GoogleContacts(t *testing.T) {
	in := "First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address\n" +
		"Grace,Hopper,Home,grace@example.com,* Work,g@navy.example,Mobile,+1 212-555-0147 ::: +1 212-555-0148,* Home,+1 212 555 0100,Home,\"1 Main St\nNew York, NY 10001\",1 Main St,New York,,NY,10001,USA,\n"
	b := parseString(t, in, interchange.FormatCSV)
	c := byName(t, b, "Grace Hopper").Customer
	if got, want := fmt.Sprint(c.Phones), "[{mobile +1 212-555-0147 false} {mobile +1 212-555-0148 false} {home +1 212 555 0100 true}]"; got != want || c.Phone != "+1 212 555 0100" {
		t.Errorf("phones %s, want %s", got, want)
	}
	if got, want := fmt.Sprint(c.Emails), "[{home grace@example.com false} {work g@navy.example true}]"; got != want {
		t.Errorf("emails %s, want %s", got, want)
	}
	if got, want := c.Address, (model.Address{Street: "1 Main St", Postcode: "10001", Town: "New York, NY", Country: "USA"}); got != want {
		t.Errorf("address %+v, want %+v", got, want)
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
