import joblib
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.decomposition import PCA
from sklearn.svm import SVC
from sklearn.metrics import accuracy_score, classification_report, roc_auc_score

bc = load_breast_cancer(as_frame=True)
frame = bc.frame
print(frame.shape)
print(frame.describe().T[["mean", "std"]].head(10))

features = frame.drop(columns="target")
diagnosis = frame["target"]
feat_tr, feat_te, diag_tr, diag_te = train_test_split(
    features, diagnosis, test_size=0.25, stratify=diagnosis, random_state=0
)

pipe = Pipeline([
    ("scale", StandardScaler()),
    ("pca", PCA(n_components=10, random_state=0)),
    ("svm", SVC(kernel="rbf", C=3.0, gamma="scale", probability=True, random_state=0)),
])
pipe.fit(feat_tr, diag_tr)

pred = pipe.predict(feat_te)
score = pipe.predict_proba(feat_te)[:, 1]
explained = pipe.named_steps["pca"].explained_variance_ratio_
print("explained variance (10 comps):", np.round(explained.sum(), 3))
print(f"accuracy = {accuracy_score(diag_te, pred):.4f}")
print(f"roc auc  = {roc_auc_score(diag_te, score):.4f}")
print(classification_report(diag_te, pred, target_names=bc.target_names))

joblib.dump(pipe, "bc_svm.joblib")
