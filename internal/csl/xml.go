package csl

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// elem is an element of a style or locale file.
type elem struct {
	name string
	attr map[string]string
	kids []*elem
	text string // its character data, for terms and affixes
	line int    // where it starts, for errors
}

func (e *elem) get(name string) string { return e.attr[name] }

func (e *elem) has(name string) bool {
	_, ok := e.attr[name]
	return ok
}

// child returns the first child element named name, or nil.
func (e *elem) child(name string) *elem {
	if e == nil {
		return nil
	}
	for _, k := range e.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// parseXML reads an XML document into its element tree.
func parseXML(data []byte) (*elem, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []*elem
	var root *elem
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := d.InputPos()
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line, _ := d.InputPos()
			e := &elem{name: t.Name.Local, attr: map[string]string{}, line: line}
			for _, a := range t.Attr {
				e.attr[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, e)
			} else if root == nil {
				root = e
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("no root element")
	}
	return root, nil
}

// words splits an attribute holding a list.
func words(s string) []string { return strings.Fields(s) }
