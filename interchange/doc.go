// Package interchange reads and writes the files customers travel in:
// vCard, CSV, JSON and iCalendar. It never touches the notebook: the store applies what it reads.
package interchange
