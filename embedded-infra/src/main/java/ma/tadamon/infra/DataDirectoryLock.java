package ma.tadamon.infra;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One platform at a time on a data directory. A second would take the first's PostgreSQL for one
 * left over from a crash and stop it, and its broker would fail on the first's files; instead it is
 * refused with the first's process id. The lock is the operating system's, so a platform that died
 * (kill -9, a power cut) leaves none behind.
 */
public final class DataDirectoryLock implements AutoCloseable {

  private static final String FILE = "tadamon.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the directory (creating it), or fails saying who has it. */
  public static DataDirectoryLock acquire(Path directory) {
    Path file = directory.resolve(FILE);
    try {
      Files.createDirectories(directory);
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException heldInThisProcess) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw inUse(directory, Files.readString(file, StandardCharsets.UTF_8).strip());
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
          0);
      return new DataDirectoryLock(channel, lock);
    } catch (IOException e) {
      throw new InfrastructureException("could not lock " + file + ": " + e.getMessage(), e);
    }
  }

  private static InfrastructureException inUse(Path directory, String holder) {
    return new InfrastructureException(
        "another Tadamon platform"
            + (holder.matches("\\d+") ? " (process " + holder + ")" : "")
            + " is running on "
            + directory
            + ". Stop it first (Ctrl-C in its terminal), or give this one a data directory of its"
            + " own with TADAMON_DATA_DIR.");
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // Closing the channel releases the lock in any case; nothing is left to undo.
    }
  }
}
