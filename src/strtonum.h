/*
 * The one number parser.  Every integer the tool reads, from a command line
 * flag or a rule file, goes through here so that syntax and range errors are
 * reported the same way; atoi() and friends are banned.
 */
#ifndef KA_STRTONUM_H
#define KA_STRTONUM_H

/*
 * Parse a decimal integer in [min, max].  The whole string must be the
 * number (an optional sign, then digits; no white space, no base prefix).
 * On success return the value and set *errstr to NULL; on failure return 0
 * and point *errstr at a static string: "invalid", "too small" or
 * "too large".
 */
long long	ka_strtonum(const char *, long long min, long long max,
		    const char **errstr);

#endif
