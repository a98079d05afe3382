package typeset

// flowRows holds the rows pagination has still to set: rows, which is
// buf[off:], its first row the last one set (what a page reads of the page
// before it). A float taken out of the flow, or put back, moves the rows
// before it on the page being made, not those after it: on a long document,
// deferring and hoisting floats cost a page's rows, not the document's. A
// flow tried and given up is undone from what each change overwrote.
type flowRows struct {
	buf  []row
	off  int
	rows []row // buf[off:]
	// level is that of the last heading among the rows let go (before
	// off), 0 when none
	level int
	// trying: hoist is trying a flow; undo holds what each change
	// overwrote since, in order
	trying bool
	undo   []overwritten
}

// overwritten is what a change of a flow tried overwrote: the rows from
// buf[at], and off before it.
type overwritten struct {
	at, off int
	rows    []row
}

// newFlowRows returns the flow of rows, which it takes.
func newFlowRows(rows []row) flowRows {
	return flowRows{buf: rows, rows: rows}
}

// remove takes the n rows at rows[at] out of the flow; the rows before
// them move up.
func (f *flowRows) remove(at, n int) {
	f.save(f.off, at+n)
	copy(f.buf[f.off+n:f.off+at+n], f.buf[f.off:f.off+at])
	clear(f.buf[f.off : f.off+n]) // what they held is in the rows moved
	f.off += n
	f.rows = f.buf[f.off:]
}

// insert puts rs into the flow at rows[at]; the rows before move down,
// into the room the rows let go leave (an array with more room when they
// do not, which the floats put back, all taken out before, never need).
func (f *flowRows) insert(at int, rs []row) {
	n := len(rs)
	if f.off < n {
		f.grow(n)
	}
	f.save(f.off-n, at+n)
	copy(f.buf[f.off-n:f.off-n+at], f.buf[f.off:f.off+at])
	f.off -= n
	copy(f.buf[f.off+at:f.off+at+n], rs)
	f.rows = f.buf[f.off:]
}

// grow gives the array room for n rows more before off.
func (f *flowRows) grow(n int) {
	room := n + len(f.rows)/8
	buf := make([]row, room+len(f.buf))
	copy(buf[room:], f.buf)
	f.buf = buf
	f.off += room
	f.rows = f.buf[f.off:]
	for i := range f.undo {
		f.undo[i].at += room
		f.undo[i].off += room
	}
}

// letGo lets the rows before rows[k] go (their page is set), all but the
// one just before it, and returns how many it let go: the indices of the
// rows left are that many less.
func (f *flowRows) letGo(k int) int {
	k--
	if k <= 0 {
		return 0
	}
	for i := k - 1; i >= 0; i-- {
		if l := f.rows[i].level; l > 0 {
			f.level = l
			break
		}
	}
	clear(f.rows[:k]) // let what they hold go
	f.off += k
	f.rows = f.buf[f.off:]
	return k
}

// save keeps, while a flow is tried, the n rows from buf[at] that a change
// is about to overwrite.
func (f *flowRows) save(at, n int) {
	if f.trying {
		f.undo = append(f.undo, overwritten{at: at, off: f.off, rows: append([]row(nil), f.buf[at:at+n]...)})
	}
}

// try begins a flow tried; the flow as it is now is what undo brings back.
func (f *flowRows) try() {
	f.trying = true
	f.undo = f.undo[:0]
}

// keep ends a flow tried, kept.
func (f *flowRows) keep() {
	f.trying = false
	clear(f.undo)
	f.undo = f.undo[:0]
}

// giveUp brings back the flow as it was when try began, and ends the try.
func (f *flowRows) giveUp() {
	for i := len(f.undo) - 1; i >= 0; i-- {
		u := f.undo[i]
		copy(f.buf[u.at:], u.rows)
		f.off = u.off
	}
	f.rows = f.buf[f.off:]
	f.keep()
}
