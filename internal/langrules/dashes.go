package langrules

// dashes sets typed double and triple hyphens as dashes, as goldmark's
// typographer and Pandoc's smart punctuation do, in every language: "--" an
// en dash, "---" an em dash; a run of one or of four and more hyphens stays
// as typed (a rule of hyphens, "----"). A dash, typed or made, takes the
// language's space-before-dash in place of a space typed before it (French
// and German a no-break space: the dash never starts a line). Code, URLs and
// what Verbatim finds are never touched.
func (r Rules) dashes(w *writer, rs []rune, i int) bool {
	c := rs[i]
	if c != '-' && c != '–' && c != '—' {
		return false
	}
	if c == '-' {
		start, end := i, i+1
		for start > 0 && rs[start-1] == '-' && !w.keep[start-1] {
			start--
		}
		for end < len(rs) && rs[end] == '-' && !w.keep[end] {
			end++
		}
		switch n := end - start; {
		case n != 2 && n != 3:
			return false
		case i > start:
			return true // written with the run's first hyphen
		case n == 2:
			c = '–'
		default:
			c = '—'
		}
	}
	if s := rune(r.t.DashSpace); s != 0 && len(w.out) > 0 && w.out[len(w.out)-1] == ' ' {
		w.out[len(w.out)-1] = s
	}
	w.out = append(w.out, c)
	return true
}
