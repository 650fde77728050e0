package soql

import (
	"strconv"
	"strings"
	"time"
)

// relativeNames lists the relative date literals sfsql evaluates; the ones
// taking :n are marked true.
var relativeNames = map[string]bool{
	"YESTERDAY": false, "TODAY": false, "TOMORROW": false,
	"LAST_WEEK": false, "THIS_WEEK": false, "NEXT_WEEK": false,
	"LAST_MONTH": false, "THIS_MONTH": false, "NEXT_MONTH": false,
	"LAST_90_DAYS": false, "NEXT_90_DAYS": false,
	"THIS_YEAR": false, "LAST_YEAR": false, "NEXT_YEAR": false,
	"LAST_N_DAYS": true, "NEXT_N_DAYS": true, "N_DAYS_AGO": true,
	"LAST_N_WEEKS": true, "NEXT_N_WEEKS": true, "LAST_N_MONTHS": true, "NEXT_N_MONTHS": true,
	"LAST_N_YEARS": true, "NEXT_N_YEARS": true,
}

func parseRelative(word string) (Relative, bool) {
	name, arg, hasArg := strings.Cut(strings.ToUpper(word), ":")
	takesN, known := relativeNames[name]
	if !known || takesN != hasArg {
		return Relative{}, false
	}
	r := Relative{Name: name}
	if hasArg {
		n, err := strconv.Atoi(arg)
		if err != nil || n < 0 {
			return Relative{}, false
		}
		r.N = n
	}
	return r, true
}

// Range returns the half-open interval [start, end) a relative literal
// stands for, in UTC, for the given current time.
func (r Relative) Range(now time.Time) (time.Time, time.Time) {
	now = now.UTC()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	week := today.AddDate(0, 0, -int(today.Weekday())) // weeks start on Sunday
	month := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	year := time.Date(now.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	day := func(d int) time.Time { return today.AddDate(0, 0, d) }
	switch r.Name {
	case "YESTERDAY":
		return day(-1), today
	case "TODAY":
		return today, day(1)
	case "TOMORROW":
		return day(1), day(2)
	case "LAST_WEEK":
		return week.AddDate(0, 0, -7), week
	case "THIS_WEEK":
		return week, week.AddDate(0, 0, 7)
	case "NEXT_WEEK":
		return week.AddDate(0, 0, 7), week.AddDate(0, 0, 14)
	case "LAST_MONTH":
		return month.AddDate(0, -1, 0), month
	case "THIS_MONTH":
		return month, month.AddDate(0, 1, 0)
	case "NEXT_MONTH":
		return month.AddDate(0, 1, 0), month.AddDate(0, 2, 0)
	case "LAST_90_DAYS":
		return day(-90), day(1)
	case "NEXT_90_DAYS":
		return day(1), day(91)
	case "THIS_YEAR":
		return year, year.AddDate(1, 0, 0)
	case "LAST_YEAR":
		return year.AddDate(-1, 0, 0), year
	case "NEXT_YEAR":
		return year.AddDate(1, 0, 0), year.AddDate(2, 0, 0)
	case "LAST_N_DAYS":
		return day(-r.N), day(1)
	case "NEXT_N_DAYS":
		return day(1), day(r.N + 1)
	case "N_DAYS_AGO":
		return day(-r.N), day(-r.N + 1)
	case "LAST_N_WEEKS":
		return week.AddDate(0, 0, -7*r.N), week
	case "NEXT_N_WEEKS":
		return week.AddDate(0, 0, 7), week.AddDate(0, 0, 7*(r.N+1))
	case "LAST_N_MONTHS":
		return month.AddDate(0, -r.N, 0), month
	case "NEXT_N_MONTHS":
		return month.AddDate(0, 1, 0), month.AddDate(0, r.N+1, 0)
	case "LAST_N_YEARS":
		return year.AddDate(-r.N, 0, 0), year
	case "NEXT_N_YEARS":
		return year.AddDate(1, 0, 0), year.AddDate(r.N+1, 0, 0)
	}
	return today, today
}
