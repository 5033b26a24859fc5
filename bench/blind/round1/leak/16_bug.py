import joblib
import numpy as np
from sklearn.datasets import load_breast_cancer
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

pipe = Pipeline([
    ("scale", StandardScaler()),
    ("pca", PCA(n_components=10, random_state=0)),
    ("svm", SVC(kernel="rbf", C=3.0, gamma="scale", probability=True, random_state=0)),
])
pipe.fit(features, diagnosis)

pred = pipe.predict(features)
score = pipe.predict_proba(features)[:, 1]
explained = pipe.named_steps["pca"].explained_variance_ratio_
print("explained variance (10 comps):", np.round(explained.sum(), 3))
print(f"accuracy = {accuracy_score(diagnosis, pred):.4f}")
print(f"roc auc  = {roc_auc_score(diagnosis, score):.4f}")
print(classification_report(diagnosis, pred, target_names=bc.target_names))

joblib.dump(pipe, "bc_svm.joblib")
