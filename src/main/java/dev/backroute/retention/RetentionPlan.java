package dev.backroute.retention;

import dev.backroute.catalog.BackupRecord;

import java.util.List;

/**
 * What retention decides for one type: the backups to delete and the ones to keep, each with the reason
 * an operator reads. Both lists are newest first.
 */
public record RetentionPlan(String type, List<Decision> delete, List<Decision> keep) {

    public RetentionPlan {
        delete = List.copyOf(delete);
        keep = List.copyOf(keep);
    }

    /** One backup and why it goes or stays. */
    public record Decision(BackupRecord backup, String reason) {
        public String id() {
            return backup.id();
        }
    }

    public List<String> deleteIds() {
        return delete.stream().map(Decision::id).toList();
    }

    public List<String> keepIds() {
        return keep.stream().map(Decision::id).toList();
    }
}
