#ifndef CEDITLINE_SHIM_H
#define CEDITLINE_SHIM_H
/* libedit for Swift.
   el_set, el_get and history() are C variadic functions, which Swift cannot call.
   Each operation sockshell needs gets one fixed-arity static inline wrapper here. */
#include <histedit.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <wchar.h>

/* Callback types, named so the Swift side reads clearly. */
typedef char *(*sockshell_el_prompt_fn)(EditLine *);
typedef unsigned char (*sockshell_el_command_fn)(EditLine *, int);
typedef int (*sockshell_el_getc_fn)(EditLine *, wchar_t *);

/* ---- el_set / el_get ---- */

static inline int sockshell_el_set_prompt(EditLine *el, sockshell_el_prompt_fn fn) {
    return el_set(el, EL_PROMPT, fn);
}

/* "emacs" or "vi". */
static inline int sockshell_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

/* 0: libedit installs no signal handlers of its own. */
static inline int sockshell_el_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}

static inline int sockshell_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

static inline void *sockshell_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

/* Registers a named editor command that keys can be bound to. */
static inline int sockshell_el_addfn(EditLine *el, const char *name, const char *help,
                                     sockshell_el_command_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

/* bind KEY COMMAND, e.g. ("^I", "sockshell-complete"). */
static inline int sockshell_el_bind(EditLine *el, const char *key, const char *command) {
    return el_set(el, EL_BIND, key, command, (const char *)NULL);
}

/* Connects a history object so Up/Down and searches walk it. */
static inline int sockshell_el_set_hist(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}

/* Replaces the function libedit reads each character with. */
static inline int sockshell_el_set_getcfn(EditLine *el, sockshell_el_getc_fn fn) {
    return el_set(el, EL_GETCFN, fn);
}

/* Redraws prompt and line from the current cursor position (after other output). */
static inline int sockshell_el_refresh(EditLine *el) {
    return el_set(el, EL_REFRESH);
}

/* 1: put the terminal in edit mode; 0: back to the mode it had before. */
static inline int sockshell_el_prep_term(EditLine *el, int on) {
    return el_set(el, EL_PREP_TERM, on);
}

/* ---- history() ---- */

static inline int sockshell_history_setsize(History *h, HistEvent *ev, int size) {
    return history(h, ev, H_SETSIZE, size);
}

static inline int sockshell_history_setunique(History *h, HistEvent *ev, int on) {
    return history(h, ev, H_SETUNIQUE, on);
}

static inline int sockshell_history_enter(History *h, HistEvent *ev, const char *line) {
    return history(h, ev, H_ENTER, line);
}

/* Most recent entry into ev->str; -1 when the history is empty. */
static inline int sockshell_history_first(History *h, HistEvent *ev) {
    return history(h, ev, H_FIRST);
}

/* Number of entries read, or -1. */
static inline int sockshell_history_load(History *h, HistEvent *ev, const char *path) {
    return history(h, ev, H_LOAD, path);
}

static inline int sockshell_history_save(History *h, HistEvent *ev, const char *path) {
    return history(h, ev, H_SAVE, path);
}

/* Writes the whole history (cookie line first) to an open stream. */
static inline int sockshell_history_save_fp(History *h, HistEvent *ev, FILE *fp) {
    return history(h, ev, H_SAVE_FP, fp);
}

/* ---- terminal ---- */

/* Columns of the terminal on fd, or 0 when unknown (ioctl is variadic too). */
static inline int sockshell_terminal_columns(int fd) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return 0;
    return ws.ws_col;
}

#endif
