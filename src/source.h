/*
 * Input files read whole into memory, with a size bound.  A source owns its
 * display path and its bytes; every struct ka_loc that names the file
 * borrows the path from here, so sources live until the report is written.
 */
#ifndef KA_SOURCE_H
#define KA_SOURCE_H

#include <stddef.h>

struct ka_diags;

/* Kafka files are a few KiB; anything past this is not a config file. */
#define KA_SOURCE_MAX_BYTES	(4u * 1024 * 1024)

struct ka_source {
	char	*path;		/* owned: the path as reported */
	char	*text;		/* owned: the bytes, with a NUL after len */
	size_t	 len;
	int	 found;		/* 1 if found by walking a directory */
};

/*
 * Read a file.  path is opened; display (if not NULL) is the name used in
 * reports.  "-" reads standard input.  Returns a new source, or NULL after
 * appending a diagnostic (source.open, source.read, source.not-regular,
 * source.too-large, source.binary, source.empty).
 */
struct ka_source	*ka_source_read(const char *path, const char *display,
			    struct ka_diags *);

/* A source over bytes already in memory (tests, stdin); text is copied. */
struct ka_source	*ka_source_new(const char *display, const char *text,
			    size_t len);

void			 ka_source_free(struct ka_source *);

#endif
