package org.jspt;

/** A run that cannot go on for a reason the user can act on (e.g. an empty class). Exit status 1. */
public class JsptException extends RuntimeException {
    public JsptException(String message) { super(message); }
    public JsptException(String message, Throwable cause) { super(message, cause); }
}
