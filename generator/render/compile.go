package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"sync/atomic"
	texttemplate "text/template"
	"text/template/parse"
)

// html/template executes a template by reflection on every field, method
// and function of every page, and a province has tens of thousands of
// community pages (BenchmarkRenderProvince in build measures the compiled
// path per page kind). So at build start each page kind's template
// set is compiled: the parse tree that html/template has already escaped
// (every printed value ends in its escaper chain, such as
// _html_template_urlfilter | _html_template_urlnormalizer |
// _html_template_attrescaper) becomes a tree of Go closures, with text
// written as it stands, fields and methods looked up once per type, template
// functions called directly and the escaper chains mapped onto this
// package's escaping functions. The templates stay the only definition of
// the pages; nothing is generated or kept by hand.
//
// The compiled program produces html/template's bytes or nothing: whatever
// it does not handle exactly (a construct at compile time, a value at run
// time: a nil pointer, an error from a method, a map key that is missing)
// makes it give up, and the page is rendered by html/template instead, which
// also reports any error in its own words. Page kinds that could not be
// compiled, and pages that fell back, are reported by build (Fallbacks).

// program is a compiled page kind: layout.html with the kind's blocks.
type program struct {
	root *compiledTemplate
}

// compiledTemplate is one named template of a set.
type compiledTemplate struct {
	name  string
	body  step
	nvars int // variable slots of one invocation; slot 0 is $
}

// state is one execution of a program.
type state struct {
	w    *bytes.Buffer
	vars []reflect.Value
}

// step writes a part of the output.
type step func(s *state, dot reflect.Value) error

// command evaluates a command of a pipeline; final is the value piped in
// from the previous command (invalid: none).
type command func(s *state, dot, final reflect.Value) (reflect.Value, error)

// argument evaluates a function or method argument for a parameter of type typ.
type argument func(s *state, dot reflect.Value, typ reflect.Type) (reflect.Value, error)

// giveUp is the error of a program that leaves a page to html/template.
type giveUp struct{ reason string }

func (g *giveUp) Error() string { return g.reason }

func giveUpf(format string, args ...any) error { return &giveUp{fmt.Sprintf(format, args...)} }

var (
	errBreak    = errors.New("break")
	errContinue = errors.New("continue")
)

// execute renders a page into buf. On any error nothing is left in buf.
func (p *program) execute(buf *bytes.Buffer, data any) (err error) {
	start := buf.Len()
	defer func() {
		if r := recover(); r != nil {
			err = giveUpf("panic: %v", r)
		}
		if err != nil {
			buf.Truncate(start)
		}
	}()
	dot := reflect.ValueOf(data)
	s := &state{w: buf, vars: make([]reflect.Value, p.root.nvars)}
	s.vars[0] = dot
	return p.root.body(s, dot)
}

// errProbe stops the execution that makes html/template escape a set.
var errProbe = errors.New("probe")

type probeWriter struct{}

func (probeWriter) Write([]byte) (int, error) { return 0, errProbe }

// compileSet escapes a page kind's template set (as its first execution
// would) and compiles it from layout.html down.
func compileSet(set *template.Template, funcs template.FuncMap) (*program, error) {
	// Escaping happens before the first byte is written; the writer then
	// stops the execution at once (or the missing data does: either way
	// the set is escaped). Any other error is the escaper's.
	err := set.ExecuteTemplate(probeWriter{}, "layout.html", nil)
	var execErr texttemplate.ExecError
	if err != nil && !errors.Is(err, errProbe) && !errors.As(err, &execErr) {
		return nil, err
	}
	c := &compiler{set: set, funcs: funcs, done: map[string]*compiledTemplate{}}
	root, err := c.template("layout.html")
	if err != nil {
		return nil, err
	}
	return &program{root: root}, nil
}

type compiler struct {
	set   *template.Template
	funcs template.FuncMap
	done  map[string]*compiledTemplate
}

// frame compiles one template body: its variables and where they live.
type frame struct {
	c     *compiler
	tree  *parse.Tree
	names []string // variables in scope, innermost last
	slots []int
	n     int // slots used
}

func (c *compiler) template(name string) (*compiledTemplate, error) {
	if t := c.done[name]; t != nil {
		return t, nil
	}
	t := c.set.Lookup(name)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		return nil, fmt.Errorf("模板 %q 未定义或只在 html/template 的转义副本中", name)
	}
	ct := &compiledTemplate{name: name}
	c.done[name] = ct // before the body, for recursive templates
	f := &frame{c: c, tree: t.Tree, names: []string{"$"}, slots: []int{0}, n: 1}
	body, err := f.list(t.Tree.Root)
	if err != nil {
		return nil, err
	}
	ct.body, ct.nvars = body, f.n
	return ct, nil
}

func (f *frame) errorf(n parse.Node, format string, args ...any) error {
	loc, _ := f.tree.ErrorContext(n)
	return fmt.Errorf("%s: %s", loc, fmt.Sprintf(format, args...))
}

func (f *frame) declare(name string) int {
	f.names = append(f.names, name)
	f.slots = append(f.slots, f.n)
	f.n++
	return f.n - 1
}

func (f *frame) mark() int { return len(f.names) }

func (f *frame) pop(mark int) { f.names, f.slots = f.names[:mark], f.slots[:mark] }

func (f *frame) lookup(n parse.Node, name string) (int, error) {
	for i := len(f.names) - 1; i >= 0; i-- {
		if f.names[i] == name {
			return f.slots[i], nil
		}
	}
	return 0, f.errorf(n, "未定义的变量 %s", name)
}

func (f *frame) list(l *parse.ListNode) (step, error) {
	if l == nil {
		return func(*state, reflect.Value) error { return nil }, nil
	}
	var steps []step
	var text []byte
	flush := func() {
		if len(text) > 0 {
			t := text
			steps = append(steps, func(s *state, _ reflect.Value) error { s.w.Write(t); return nil })
			text = nil
		}
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			text = append(text, n.Text...)
			continue
		case *parse.CommentNode:
			continue
		}
		flush()
		st, err := f.node(n)
		if err != nil {
			return nil, err
		}
		steps = append(steps, st)
	}
	flush()
	switch len(steps) {
	case 0:
		return func(*state, reflect.Value) error { return nil }, nil
	case 1:
		return steps[0], nil
	}
	return func(s *state, dot reflect.Value) error {
		for _, st := range steps {
			if err := st(s, dot); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

func (f *frame) node(n parse.Node) (step, error) {
	switch n := n.(type) {
	case *parse.ActionNode:
		return f.action(n)
	case *parse.IfNode:
		return f.ifOrWith(n.Pipe, n.List, n.ElseList, false)
	case *parse.WithNode:
		return f.ifOrWith(n.Pipe, n.List, n.ElseList, true)
	case *parse.RangeNode:
		return f.rangeNode(n)
	case *parse.TemplateNode:
		return f.templateNode(n)
	case *parse.BreakNode:
		return func(*state, reflect.Value) error { return errBreak }, nil
	case *parse.ContinueNode:
		return func(*state, reflect.Value) error { return errContinue }, nil
	case *parse.ListNode:
		return f.list(n)
	}
	return nil, f.errorf(n, "不支持的模板结构 %s", n)
}

// action is {{pipeline}}: a declaration, or a value printed through its
// escaper chain.
func (f *frame) action(n *parse.ActionNode) (step, error) {
	if len(n.Pipe.Decl) > 0 {
		p, err := f.pipe(n.Pipe)
		if err != nil {
			return nil, err
		}
		return func(s *state, dot reflect.Value) error { _, err := p(s, dot); return err }, nil
	}
	cmds := n.Pipe.Cmds
	k := len(cmds)
	for k > 0 && escaperName(cmds[k-1]) != "" {
		k--
	}
	var chain []string
	for _, c := range cmds[k:] {
		chain = append(chain, escaperName(c))
	}
	for _, c := range cmds[:k] {
		if escaperName(c) != "" {
			return nil, f.errorf(n, "转义函数 %s 不在管道末尾", escaperName(c))
		}
	}
	if k == 0 || len(chain) == 0 {
		return nil, f.errorf(n, "动作 %s 没有 html/template 的转义函数", n)
	}
	pr, err := printer(chain)
	if err != nil {
		return nil, f.errorf(n, "%v", err)
	}
	value, err := f.commands(n.Pipe, cmds[:k])
	if err != nil {
		return nil, err
	}
	return func(s *state, dot reflect.Value) error {
		v, err := value(s, dot)
		if err != nil {
			return err
		}
		return pr(s.w, v)
	}, nil
}

// escaperName is the name of an escaper html/template added, or "".
func escaperName(c *parse.CommandNode) string {
	if len(c.Args) != 1 {
		return ""
	}
	id, ok := c.Args[0].(*parse.IdentifierNode)
	if !ok || !strings.HasPrefix(id.Ident, "_html_template_") && id.Ident != "_eval_args_" {
		return ""
	}
	return id.Ident
}

// pipe compiles a pipeline with its declarations (declared in the current
// scope, which the caller pops).
func (f *frame) pipe(p *parse.PipeNode) (func(s *state, dot reflect.Value) (reflect.Value, error), error) {
	value, err := f.commands(p, p.Cmds)
	if err != nil {
		return nil, err
	}
	if len(p.Decl) == 0 {
		return value, nil
	}
	slots := make([]int, len(p.Decl))
	for i, d := range p.Decl {
		if p.IsAssign {
			if slots[i], err = f.lookup(d, d.Ident[0]); err != nil {
				return nil, err
			}
		} else {
			slots[i] = f.declare(d.Ident[0])
		}
	}
	return func(s *state, dot reflect.Value) (reflect.Value, error) {
		v, err := value(s, dot)
		if err != nil {
			return v, err
		}
		for _, slot := range slots {
			s.vars[slot] = v
		}
		return v, nil
	}, nil
}

// commands compiles the commands of a pipeline, each fed the value of the
// one before.
func (f *frame) commands(p *parse.PipeNode, cmds []*parse.CommandNode) (func(s *state, dot reflect.Value) (reflect.Value, error), error) {
	if len(cmds) == 0 {
		return nil, f.errorf(p, "空管道")
	}
	cs := make([]command, len(cmds))
	for i, c := range cmds {
		var err error
		if cs[i], err = f.command(c); err != nil {
			return nil, err
		}
	}
	return func(s *state, dot reflect.Value) (reflect.Value, error) {
		var v reflect.Value
		for i, c := range cs {
			if i > 0 && !v.IsValid() {
				return v, giveUpf("no value piped into a command")
			}
			var err error
			if v, err = c(s, dot, v); err != nil {
				return v, err
			}
		}
		if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
			v = reflect.ValueOf(v.Interface())
		}
		return v, nil
	}, nil
}

func (f *frame) command(c *parse.CommandNode) (command, error) {
	args := c.Args[1:]
	switch n := c.Args[0].(type) {
	case *parse.FieldNode:
		return f.fieldChain(n, nil, n.Ident, args)
	case *parse.ChainNode:
		inner, err := f.operand(n.Node)
		if err != nil {
			return nil, err
		}
		return f.fieldChain(n, inner, n.Field, args)
	case *parse.VariableNode:
		slot, err := f.lookup(n, n.Ident[0])
		if err != nil {
			return nil, err
		}
		v := func(s *state, _ reflect.Value) (reflect.Value, error) { return s.vars[slot], nil }
		if len(n.Ident) == 1 {
			if len(args) > 0 {
				return nil, f.errorf(n, "不能给非函数 %s 传参数", n)
			}
			return notAFunction(v), nil
		}
		return f.fieldChain(n, v, n.Ident[1:], args)
	case *parse.IdentifierNode:
		return f.function(n, args)
	}
	if len(args) > 0 {
		return nil, f.errorf(c, "不能给非函数 %s 传参数", c.Args[0])
	}
	v, err := f.operand(c.Args[0])
	if err != nil {
		return nil, err
	}
	return notAFunction(v), nil
}

func notAFunction(v func(s *state, dot reflect.Value) (reflect.Value, error)) command {
	return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
		if final.IsValid() {
			return final, giveUpf("argument given to a non-function")
		}
		return v(s, dot)
	}
}

// operand compiles a node that yields a value without arguments: dot, a
// constant, a parenthesised pipeline, a variable, a field, a function.
func (f *frame) operand(n parse.Node) (func(s *state, dot reflect.Value) (reflect.Value, error), error) {
	switch n := n.(type) {
	case *parse.DotNode:
		return func(_ *state, dot reflect.Value) (reflect.Value, error) { return dot, nil }, nil
	case *parse.PipeNode:
		mark := f.mark()
		p, err := f.pipe(n)
		f.pop(mark)
		return p, err
	case *parse.BoolNode, *parse.StringNode, *parse.NumberNode:
		v, err := f.constant(n)
		if err != nil {
			return nil, err
		}
		return func(*state, reflect.Value) (reflect.Value, error) { return v, nil }, nil
	}
	c, err := f.command(&parse.CommandNode{NodeType: parse.NodeCommand, Pos: n.Position(), Args: []parse.Node{n}})
	if err != nil {
		return nil, err
	}
	return func(s *state, dot reflect.Value) (reflect.Value, error) { return c(s, dot, reflect.Value{}) }, nil
}

// constant is a constant as text/template types it without context.
func (f *frame) constant(n parse.Node) (reflect.Value, error) {
	switch n := n.(type) {
	case *parse.BoolNode:
		return reflect.ValueOf(n.True), nil
	case *parse.StringNode:
		return reflect.ValueOf(n.Text), nil
	case *parse.NumberNode:
		switch {
		case n.IsComplex:
			return reflect.ValueOf(n.Complex128), nil
		case n.IsFloat && !isHexInt(n.Text) && !(len(n.Text) > 0 && n.Text[0] == '\'') && strings.ContainsAny(n.Text, ".eEpP"):
			return reflect.ValueOf(n.Float64), nil
		case n.IsInt && int64(int(n.Int64)) == n.Int64:
			return reflect.ValueOf(int(n.Int64)), nil
		}
	}
	return reflect.Value{}, f.errorf(n, "不支持的常量 %s", n)
}

func isHexInt(s string) bool {
	return len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && !strings.ContainsAny(s, "pP")
}

// argument compiles an argument node: constants take the parameter's type,
// anything else is evaluated and checked against it as text/template does.
func (f *frame) argument(n parse.Node) (argument, error) {
	switch n := n.(type) {
	case *parse.BoolNode, *parse.StringNode, *parse.NumberNode:
		ideal, err := f.constant(n)
		if err != nil {
			return nil, err
		}
		// The parameter type is nearly always the same at one call site:
		// the converted constant is kept for the last type seen instead
		// of being allocated again on every page.
		var last atomic.Pointer[typedConstant]
		return func(_ *state, _ reflect.Value, typ reflect.Type) (reflect.Value, error) {
			if c := last.Load(); c != nil && c.typ == typ {
				return c.v, nil
			}
			v, err := constantFor(n, ideal, typ)
			if err == nil {
				last.Store(&typedConstant{typ, v})
			}
			return v, err
		}, nil
	case *parse.NilNode:
		return func(_ *state, _ reflect.Value, typ reflect.Type) (reflect.Value, error) {
			if canBeNil(typ) {
				return reflect.Zero(typ), nil
			}
			return reflect.Value{}, giveUpf("nil for %s", typ)
		}, nil
	}
	v, err := f.operand(n)
	if err != nil {
		return nil, err
	}
	return func(s *state, dot reflect.Value, typ reflect.Type) (reflect.Value, error) {
		x, err := v(s, dot)
		if err != nil {
			return x, err
		}
		return validateType(x, typ)
	}, nil
}

var (
	reflectValueType = reflect.TypeFor[reflect.Value]()
	errorType        = reflect.TypeFor[error]()
	stringType       = reflect.TypeFor[string]()
	intType          = reflect.TypeFor[int]()
	htmlType         = reflect.TypeFor[template.HTML]()
)

// typedConstant is a constant argument converted to a parameter type.
type typedConstant struct {
	typ reflect.Type
	v   reflect.Value
}

// constantFor converts a constant argument to a parameter type.
func constantFor(n parse.Node, ideal reflect.Value, typ reflect.Type) (reflect.Value, error) {
	switch typ.Kind() {
	case reflect.Interface:
		if typ.NumMethod() == 0 {
			return ideal, nil
		}
	case reflect.Struct:
		if typ == reflectValueType {
			return reflect.ValueOf(ideal), nil
		}
	case reflect.Bool:
		if b, ok := n.(*parse.BoolNode); ok {
			v := reflect.New(typ).Elem()
			v.SetBool(b.True)
			return v, nil
		}
	case reflect.String:
		if s, ok := n.(*parse.StringNode); ok {
			v := reflect.New(typ).Elem()
			v.SetString(s.Text)
			return v, nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if num, ok := n.(*parse.NumberNode); ok && num.IsInt {
			v := reflect.New(typ).Elem()
			v.SetInt(num.Int64)
			return v, nil
		}
	case reflect.Float32, reflect.Float64:
		if num, ok := n.(*parse.NumberNode); ok && num.IsFloat {
			v := reflect.New(typ).Elem()
			v.SetFloat(num.Float64)
			return v, nil
		}
	}
	return reflect.Value{}, giveUpf("constant %s for %s", n, typ)
}

func canBeNil(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	case reflect.Struct:
		return typ == reflectValueType
	}
	return false
}

// validateType is text/template's check of a value against a parameter type.
func validateType(v reflect.Value, typ reflect.Type) (reflect.Value, error) {
	if !v.IsValid() {
		return v, giveUpf("no value for %s", typ)
	}
	if typ == reflectValueType && v.Type() != typ {
		return reflect.ValueOf(v), nil
	}
	if v.Type().AssignableTo(typ) {
		return v, nil
	}
	if v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
		if v.Type().AssignableTo(typ) {
			return v, nil
		}
	}
	switch {
	case v.Kind() == reflect.Pointer && v.Type().Elem().AssignableTo(typ):
		if v.IsNil() {
			return v, giveUpf("nil pointer for %s", typ)
		}
		return v.Elem(), nil
	case reflect.PointerTo(v.Type()).AssignableTo(typ) && v.CanAddr():
		return v.Addr(), nil
	}
	return v, giveUpf("%s for %s", v.Type(), typ)
}

// fieldChain compiles .A.B.C on dot, or on the value of receiver: each step
// a field, a map key or a method; the last one gets the arguments and the
// piped value.
func (f *frame) fieldChain(n parse.Node, receiver func(s *state, dot reflect.Value) (reflect.Value, error), idents []string, args []parse.Node) (command, error) {
	steps := make([]*fieldStep, len(idents))
	for i, name := range idents {
		steps[i] = &fieldStep{name: name}
	}
	last := steps[len(steps)-1]
	for _, a := range args {
		arg, err := f.argument(a)
		if err != nil {
			return nil, err
		}
		last.args = append(last.args, arg)
	}
	return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
		v := dot
		if receiver != nil {
			var err error
			if v, err = receiver(s, dot); err != nil {
				return v, err
			}
		}
		for i, st := range steps {
			var err error
			fin := reflect.Value{}
			if i == len(steps)-1 {
				fin = final
			}
			if v, err = st.eval(s, dot, v, fin); err != nil {
				return v, err
			}
		}
		return v, nil
	}, nil
}

// fieldStep is one .Name of a chain, with what it resolved to for the last
// receiver type seen (a page kind's receivers hardly ever vary).
type fieldStep struct {
	name  string
	args  []argument
	cache atomic.Pointer[resolved]
}

type resolved struct {
	typ    reflect.Type
	addr   bool
	method *reflect.Method // a method of typ (or *typ when addr)
	direct directMethod    // the method called without reflection, when it can be
	index  []int           // else a field
	isMap  bool
}

// directMethod calls a method of *Ctx, the pages' "." whose methods every
// page calls a dozen times, without reflection.
type directMethod func(c *Ctx, s *state, dot reflect.Value, args []argument, final reflect.Value) (reflect.Value, error)

var ctxType = reflect.TypeFor[Ctx]()

// directCtxMethod returns a direct call of a *Ctx method of the common
// shapes, or nil.
func directCtxMethod(expr any) directMethod {
	switch fn := expr.(type) {
	case func(*Ctx) string:
		return func(c *Ctx, _ *state, _ reflect.Value, args []argument, final reflect.Value) (reflect.Value, error) {
			if len(args) > 0 || final.IsValid() {
				return reflect.Value{}, giveUpf("wrong number of args")
			}
			return reflect.ValueOf(fn(c)), nil
		}
	case func(*Ctx) (template.HTML, error):
		return func(c *Ctx, _ *state, _ reflect.Value, args []argument, final reflect.Value) (reflect.Value, error) {
			if len(args) > 0 || final.IsValid() {
				return reflect.Value{}, giveUpf("wrong number of args")
			}
			h, err := fn(c)
			if err != nil {
				return reflect.Value{}, giveUpf("%v", err)
			}
			return reflect.ValueOf(h), nil
		}
	case func(*Ctx, string) string:
		return func(c *Ctx, s *state, dot reflect.Value, args []argument, final reflect.Value) (reflect.Value, error) {
			a, err := stringArgument(s, dot, args, final)
			if err != nil {
				return reflect.Value{}, err
			}
			return reflect.ValueOf(fn(c, a)), nil
		}
	case func(*Ctx, string) bool:
		return func(c *Ctx, s *state, dot reflect.Value, args []argument, final reflect.Value) (reflect.Value, error) {
			a, err := stringArgument(s, dot, args, final)
			if err != nil {
				return reflect.Value{}, err
			}
			return reflect.ValueOf(fn(c, a)), nil
		}
	}
	return nil
}

// stringArgument is the one string argument of a call: given, or piped in.
func stringArgument(s *state, dot reflect.Value, args []argument, final reflect.Value) (string, error) {
	var v reflect.Value
	var err error
	switch {
	case len(args) == 1 && !final.IsValid():
		v, err = args[0](s, dot, stringType)
	case len(args) == 0 && final.IsValid():
		v, err = validateType(final, stringType)
	default:
		return "", giveUpf("wrong number of args")
	}
	if err != nil {
		return "", err
	}
	return v.String(), nil
}

func (st *fieldStep) resolve(typ reflect.Type, addr bool) *resolved {
	r := &resolved{typ: typ, addr: addr}
	mt := typ
	if addr {
		mt = reflect.PointerTo(typ)
	}
	if m, ok := mt.MethodByName(st.name); ok {
		r.method = &m
		if addr && typ == ctxType {
			r.direct = directCtxMethod(m.Func.Interface())
		}
		return r
	}
	switch typ.Kind() {
	case reflect.Struct:
		if sf, ok := typ.FieldByName(st.name); ok && sf.IsExported() {
			r.index = sf.Index
		}
	case reflect.Map:
		r.isMap = reflect.TypeFor[string]().AssignableTo(typ.Key())
	}
	return r
}

func (st *fieldStep) eval(s *state, dot, recv, final reflect.Value) (reflect.Value, error) {
	if !recv.IsValid() {
		return recv, giveUpf("field %s of no value", st.name)
	}
	for recv.Kind() == reflect.Pointer || recv.Kind() == reflect.Interface {
		if recv.IsNil() {
			return recv, giveUpf("nil pointer evaluating %s", st.name)
		}
		recv = recv.Elem()
	}
	typ, addr := recv.Type(), recv.CanAddr()
	r := st.cache.Load()
	if r == nil || r.typ != typ || r.addr != addr {
		r = st.resolve(typ, addr)
		st.cache.Store(r)
	}
	if r.direct != nil {
		return r.direct(recv.Addr().Interface().(*Ctx), s, dot, st.args, final)
	}
	if r.method != nil {
		if addr {
			recv = recv.Addr()
		}
		return call(s, dot, st.name, r.method.Func, r.method.Type, recv, st.args, final)
	}
	if len(st.args) > 0 || final.IsValid() {
		return recv, giveUpf("arguments to field %s", st.name)
	}
	switch {
	case r.index != nil:
		if len(r.index) == 1 {
			return recv.Field(r.index[0]), nil
		}
		v, err := recv.FieldByIndexErr(r.index)
		if err != nil {
			return v, giveUpf("%v", err)
		}
		return v, nil
	case r.isMap:
		// A missing key is no value, as with missingkey=default.
		return recv.MapIndex(reflect.ValueOf(st.name)), nil
	}
	return recv, giveUpf("can't evaluate field %s in type %s", st.name, typ)
}

// call calls fn (of type typ; a method expression when recv is valid) as
// text/template's evalCall does.
func call(s *state, dot reflect.Value, name string, fn reflect.Value, typ reflect.Type, recv reflect.Value, args []argument, final reflect.Value) (reflect.Value, error) {
	first := 0
	if recv.IsValid() {
		first = 1
	}
	numIn := len(args)
	if final.IsValid() {
		numIn++
	}
	params := typ.NumIn() - first
	if typ.IsVariadic() {
		if numIn < params-1 {
			return reflect.Value{}, giveUpf("wrong number of args for %s", name)
		}
	} else if numIn != params {
		return reflect.Value{}, giveUpf("wrong number of args for %s", name)
	}
	if n := typ.NumOut(); n != 1 && (n != 2 || typ.Out(1) != errorType) {
		return reflect.Value{}, giveUpf("bad signature of %s", name)
	}
	argv := make([]reflect.Value, first+numIn)
	if first == 1 {
		argv[0] = recv
	}
	paramType := func(i int) reflect.Type { // i counts from the first argument after the receiver
		if typ.IsVariadic() && i >= params-1 {
			return typ.In(typ.NumIn() - 1).Elem()
		}
		return typ.In(first + i)
	}
	for i, a := range args {
		v, err := a(s, dot, paramType(i))
		if err != nil {
			return v, err
		}
		argv[first+i] = v
	}
	if final.IsValid() {
		v, err := validateType(final, paramType(len(args)))
		if err != nil {
			return v, err
		}
		argv[first+len(args)] = v
	}
	out := fn.Call(argv)
	if len(out) == 2 && !out[1].IsNil() {
		return out[0], giveUpf("error calling %s: %v", name, out[1].Interface())
	}
	v := out[0]
	if v.Type() == reflectValueType {
		v = v.Interface().(reflect.Value)
	}
	return v, nil
}

// function compiles a call of a template function or a builtin.
func (f *frame) function(n *parse.IdentifierNode, argNodes []parse.Node) (command, error) {
	args := make([]argument, len(argNodes))
	for i, a := range argNodes {
		var err error
		if args[i], err = f.argument(a); err != nil {
			return nil, err
		}
	}
	if fn, ok := f.c.funcs[n.Ident]; ok {
		v := reflect.ValueOf(fn)
		if fast := fastFunction(fn, args); fast != nil {
			return fast, nil
		}
		name, typ := n.Ident, v.Type()
		return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
			return call(s, dot, name, v, typ, reflect.Value{}, args, final)
		}, nil
	}
	if b := builtin(n.Ident, args); b != nil {
		return b, nil
	}
	return nil, f.errorf(n, "不支持的函数 %s", n.Ident)
}

// ifOrWith compiles {{if}} and {{with}}.
func (f *frame) ifOrWith(p *parse.PipeNode, list, elseList *parse.ListNode, with bool) (step, error) {
	mark := f.mark()
	defer f.pop(mark)
	cond, err := f.pipe(p)
	if err != nil {
		return nil, err
	}
	then, err := f.list(list)
	if err != nil {
		return nil, err
	}
	var otherwise step
	if elseList != nil {
		if otherwise, err = f.list(elseList); err != nil {
			return nil, err
		}
	}
	return func(s *state, dot reflect.Value) error {
		v, err := cond(s, dot)
		if err != nil {
			return err
		}
		t, ok := isTrue(indirectInterface(v))
		if !ok {
			return giveUpf("if/with can't use %v", v)
		}
		if t {
			if with {
				return then(s, v)
			}
			return then(s, dot)
		}
		if otherwise != nil {
			return otherwise(s, dot)
		}
		return nil
	}, nil
}

// rangeNode compiles {{range}} over slices, arrays and integers; other
// values leave the page to html/template.
func (f *frame) rangeNode(n *parse.RangeNode) (step, error) {
	mark := f.mark()
	defer f.pop(mark)
	p := n.Pipe
	value, err := f.commands(p, p.Cmds)
	if err != nil {
		return nil, err
	}
	var elemSlot, indexSlot = -1, -1
	switch {
	case p.IsAssign && len(p.Decl) > 0:
		return nil, f.errorf(n, "range 中给已有变量赋值")
	case len(p.Decl) == 1:
		elemSlot = f.declare(p.Decl[0].Ident[0])
	case len(p.Decl) == 2:
		indexSlot = f.declare(p.Decl[0].Ident[0])
		elemSlot = f.declare(p.Decl[1].Ident[0])
	}
	body, err := f.list(n.List)
	if err != nil {
		return nil, err
	}
	var otherwise step
	if n.ElseList != nil {
		if otherwise, err = f.list(n.ElseList); err != nil {
			return nil, err
		}
	}
	return func(s *state, dot reflect.Value) error {
		v, err := value(s, dot)
		if err != nil {
			return err
		}
		for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
			if v.IsNil() {
				return giveUpf("range over nil")
			}
			v = v.Elem()
		}
		var length int
		var elem func(i int) reflect.Value
		switch v.Kind() {
		case reflect.Array, reflect.Slice:
			length, elem = v.Len(), v.Index
		case reflect.Int:
			if indexSlot >= 0 {
				return giveUpf("two variables ranging over an integer")
			}
			length, elem = int(v.Int()), func(i int) reflect.Value { return reflect.ValueOf(i) }
		case reflect.Invalid:
		default:
			return giveUpf("range over %s", v.Type())
		}
		for i := 0; i < length; i++ {
			e := elem(i)
			if elemSlot >= 0 {
				s.vars[elemSlot] = e
			}
			if indexSlot >= 0 {
				s.vars[indexSlot] = reflect.ValueOf(i)
			}
			if err := body(s, e); err == errBreak {
				break
			} else if err != nil && err != errContinue {
				return err
			}
		}
		if length == 0 && otherwise != nil {
			return otherwise(s, dot)
		}
		return nil
	}, nil
}

// templateNode compiles {{template "name" pipeline}} and {{block}}: the
// callee runs in a frame of its own, with $ and dot the pipeline's value.
func (f *frame) templateNode(n *parse.TemplateNode) (step, error) {
	callee, err := f.c.template(n.Name)
	if err != nil {
		return nil, f.errorf(n, "%v", err)
	}
	var arg func(s *state, dot reflect.Value) (reflect.Value, error)
	if n.Pipe != nil {
		if arg, err = f.pipe(n.Pipe); err != nil {
			return nil, err
		}
	}
	return func(s *state, dot reflect.Value) error {
		var v reflect.Value
		if arg != nil {
			var err error
			if v, err = arg(s, dot); err != nil {
				return err
			}
		}
		outer := s.vars
		s.vars = make([]reflect.Value, callee.nvars)
		s.vars[0] = v
		err := callee.body(s, v)
		s.vars = outer
		return err
	}, nil
}

// indirectInterface returns the value an interface holds.
func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

// isTrue is text/template's truth of a value.
func isTrue(v reflect.Value) (truth, ok bool) {
	if !v.IsValid() {
		return false, true
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() > 0, true
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Complex64, reflect.Complex128:
		return v.Complex() != 0, true
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		return !v.IsNil(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() != 0, true
	case reflect.Float32, reflect.Float64:
		return v.Float() != 0, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() != 0, true
	case reflect.Struct:
		return true, true
	}
	return false, false
}
