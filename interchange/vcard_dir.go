package interchange

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"regulars/model"
)

// ParseVCardDir reads every .vcf file of a folder into one batch: the
// layout ("vdir") khard, vdirsyncer and other address books keep, a card a
// file. Hidden files (a sync tool's temporary ones) and subfolders are not
// read. Each record's Where names its file; a file that cannot be read is
// one refused record, so the others can still be imported with SkipInvalid.
// The limits hold for the folder as a whole.
func ParseVCardDir(dir string, lim Limits) (*Batch, error) {
	lim = lim.orDefault()
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, model.Errorf(model.EINVALID, "cannot read the folder %s: %v", dir, err)
	}
	var names []string
	for _, e := range ents {
		if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") && strings.EqualFold(filepath.Ext(e.Name()), ".vcf") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return nil, model.Errorf(model.EINVALID, "the folder %s has no .vcf files", dir)
	}
	b := &Batch{}
	versions := map[string]bool{}
	left := lim
	for _, name := range names {
		if len(b.Records)+len(b.Errors) >= lim.MaxRecords {
			return nil, model.Errorf(model.EINVALID, "the folder has more than %d cards; split it into smaller folders", lim.MaxRecords)
		}
		left.MaxRecords = lim.MaxRecords - len(b.Records) - len(b.Errors)
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			b.Errors = append(b.Errors, RecordError{Where: name, Reason: "cannot read the file: " + err.Error()})
			continue
		}
		fi, _ := f.Stat()
		if fi != nil {
			if left.MaxBytes -= fi.Size(); left.MaxBytes < 0 {
				f.Close()
				return nil, model.Errorf(model.EINVALID, "the folder's cards are larger than %s together; split it into smaller folders", humanBytes(lim.MaxBytes))
			}
		}
		one, err := Parse(f, FormatVCard, Limits{MaxBytes: fi.Size() + 1, MaxLine: lim.MaxLine, MaxRecords: left.MaxRecords, DateOrder: lim.DateOrder})
		f.Close()
		if err != nil {
			b.Errors = append(b.Errors, RecordError{Where: name, Reason: model.ErrorMessage(err)})
			continue
		}
		for _, v := range strings.Split(strings.TrimPrefix(one.Format, "vCard "), ", ") {
			versions[v] = true
		}
		for i := range one.Records {
			one.Records[i].Where = name + ": " + one.Records[i].Where
			raw := ""
			if i < len(one.Raw) {
				raw = one.Raw[i]
			}
			b.Records = append(b.Records, one.Records[i])
			b.Raw = append(b.Raw, raw)
		}
		for _, e := range one.Errors {
			e.Where = name + ": " + e.Where
			b.Errors = append(b.Errors, e)
		}
		for _, w := range one.Warnings {
			if w.Where == "" {
				w.Where = name
			} else {
				w.Where = name + ": " + w.Where
			}
			b.Warnings = append(b.Warnings, w)
		}
	}
	var vl []string
	for v := range versions {
		vl = append(vl, v)
	}
	sort.Strings(vl)
	b.Format = "vCard folder (" + model.Plural(len(names), "file", "files") + "; vCard " + strings.Join(vl, ", ") + ")"
	return b, nil
}
