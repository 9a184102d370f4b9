// Package serve serves the notebook's terminal interface over SSH, so the
// staff of a shop share one notebook from the machine that holds its file.
package serve

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strings"

	gossh "golang.org/x/crypto/ssh"

	"regulars/model"
)

// Role is what a person may do in the notebook.
type Role string

const (
	// Owner may do everything the local program does.
	Owner Role = "owner"
	// Staff see the list, the cards and the week, add notes, visits and
	// feedback and work the queue, but see no private notes and cannot
	// export, import, back up, restore, forget or merge.
	Staff Role = "staff"
)

// Person is one line of the people file: a public key, a name and a role.
type Person struct {
	Name string
	Role Role
	Key  gossh.PublicKey
}

// ParsePeople reads a people file: the authorized_keys format, one key a
// line, with the person's name and role where the comment goes:
//
//	ssh-ed25519 AAAAC3Nz… maya staff
//
// Blank lines and lines starting with # are skipped. A line that cannot be
// read is an error naming its line number, so a typo never lets a key in
// with a role nobody meant.
func ParsePeople(data []byte) ([]Person, error) {
	var people []Person
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, comment, options, _, err := gossh.ParseAuthorizedKey([]byte(line))
		if err != nil {
			return nil, model.Errorf(model.EINVALID, "people file, line %d: not a public key: %v", n, err)
		}
		if len(options) > 0 {
			return nil, model.Errorf(model.EINVALID, "people file, line %d: key options (%s) are not used here; write only the key, a name and a role", n, strings.Join(options, ","))
		}
		words := strings.Fields(comment)
		if len(words) != 2 {
			return nil, model.Errorf(model.EINVALID, "people file, line %d: after the key write a name and a role (owner or staff), e.g. \"maya staff\"", n)
		}
		p := Person{Name: words[0], Role: Role(strings.ToLower(words[1])), Key: key}
		if p.Role != Owner && p.Role != Staff {
			return nil, model.Errorf(model.EINVALID, "people file, line %d: role %q: write owner or staff", n, words[1])
		}
		people = append(people, p)
	}
	if err := sc.Err(); err != nil {
		return nil, model.Errorf(model.EINVALID, "people file: %v", err)
	}
	return people, nil
}

// LoadPeople reads the people file at path. It is read again for every
// connection, so a key removed from it is refused from the next one on.
func LoadPeople(path string) ([]Person, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, model.Errorf(model.EINVALID, "cannot read the people file %s: %v", path, err)
	}
	people, err := ParsePeople(data)
	if err != nil {
		return nil, model.Errorf(model.EINVALID, "%s: %s", path, model.ErrorMessage(err))
	}
	return people, nil
}

// find returns the person whose key is key.
func find(people []Person, key gossh.PublicKey) (Person, bool) {
	want := key.Marshal()
	for _, p := range people {
		if bytes.Equal(p.Key.Marshal(), want) {
			return p, true
		}
	}
	return Person{}, false
}

func (p Person) String() string { return fmt.Sprintf("%s (%s)", p.Name, p.Role) }
