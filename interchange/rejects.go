package interchange

import (
	"io"
	"path/filepath"
	"strings"
)

// RejectsPath is where the records an import refused go: next to the
// input, "contacts.vcf" → "contacts.rejects.vcf".
func RejectsPath(input string) string {
	ext := filepath.Ext(input)
	return strings.TrimSuffix(input, ext) + ".rejects" + ext
}

// WriteRejects writes the refused records' text as they were in the file
// (a CSV file's header first; a JSON export's head and end around them),
// so the file can be fixed and imported on its own. Records whose text
// was not kept are left out.
func WriteRejects(w io.Writer, b *Batch, refused []RecordError) error {
	var sb strings.Builder
	json := strings.HasPrefix(b.Header, "{")
	sb.WriteString(b.Header)
	n := 0
	for _, e := range refused {
		if e.Raw == "" {
			continue
		}
		if json && n > 0 {
			sb.WriteString(",\n")
		}
		n++
		sb.WriteString(e.Raw)
		if !json && !strings.HasSuffix(e.Raw, "\n") {
			sb.WriteString("\n")
		}
	}
	if json {
		sb.WriteString("\n]}\n")
	}
	_, err := io.WriteString(w, sb.String())
	return writeError(err)
}
