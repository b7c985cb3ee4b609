package dev.palisade.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * What a user sees when a command fails with an exception: one line naming the command and the
 * reason, exit 2 — never a Java stack trace, a Jackson source excerpt or record syntax. File
 * errors say which file and what is wrong with it in words, as coreutils do.
 */
final class CommandFailure implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + describe(e));
        cmd.getErr().flush();
        return PalisadeCommand.INPUT_ERROR;
    }

    /**
     * A usage mistake (unknown option, missing or bad value): one line naming the command and the
     * mistake, and where the usage is, as kubectl does; exit 2.
     */
    static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println(name + ": " + e.getMessage() + " (see '" + name + " --help')");
        cmd.getErr().flush();
        return PalisadeCommand.INPUT_ERROR;
    }

    /** The reason in one line, without Java class names where a person-readable one exists. */
    static String describe(Throwable e) {
        Throwable t = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        if (t instanceof NoSuchFileException f) {
            return file(f) + ": no such file or folder";
        }
        if (t instanceof AccessDeniedException f) {
            return file(f) + ": permission denied";
        }
        if (t instanceof FileAlreadyExistsException f) {
            return file(f) + ": already exists";
        }
        if (t instanceof NotDirectoryException f) {
            return file(f) + ": not a folder";
        }
        if (t instanceof FileSystemException f) {
            return file(f) + ": " + (f.getReason() == null ? "cannot be used" : f.getReason());
        }
        if (t instanceof JsonProcessingException j) {
            // the original message, without Jackson's "Source: ..." excerpt of the input
            String where = j.getLocation() == null ? "" : " (line " + j.getLocation().getLineNr() + ", column "
                    + j.getLocation().getColumnNr() + ")";
            return "not valid JSON" + where + ": " + j.getOriginalMessage();
        }
        if (t instanceof IOException io) {
            return io.getMessage() == null ? "input/output error" : io.getMessage();
        }
        String message = t.getMessage();
        return message == null || message.isBlank()
                ? "internal error (" + t.getClass().getSimpleName() + "); please report it"
                : message;
    }

    private static String file(FileSystemException f) {
        return f.getFile() == null ? "file" : f.getFile();
    }
}
